export type { Address as AddressMapper, IdentityVerification as IdentityVerificationMapper, PersonName as PersonNameMapper } from './person.entity.ts';
