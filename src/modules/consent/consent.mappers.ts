export type { Consent as PersonalDataConsentMapper } from './consent.entity.ts';
