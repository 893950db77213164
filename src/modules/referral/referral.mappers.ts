export type { HiringAct as HiringActMapper, Referral as ReferralMapper, ReferralRefusal as ReferralRefusalMapper } from './referral.entity.ts';
