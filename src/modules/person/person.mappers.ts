export type { Address as AddressMapper, IdentityVerification as IdentityVerificationMapper, PersonName as PersonNameMapper } from './person.entity.ts';
export type { PartVerification as PartVerificationMapper } from '../verification/parts.ts';
