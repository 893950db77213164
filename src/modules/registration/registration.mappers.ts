export type { Deregistration as DeregistrationMapper, Registration as RegistrationMapper, RegistrationRefusal as RegistrationRefusalMapper } from './registration.entity.ts';
