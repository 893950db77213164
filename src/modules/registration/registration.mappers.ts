export type { Deregistration as DeregistrationMapper, Registration as RegistrationMapper, RegistrationRefusal as RegistrationRefusalMapper } from './registration.entity.ts';
/** §12, §15 — an application of a queue page: its episode; the card is read by the edge's resolver. */
export interface ApplicationEdgeMapper {
  cursor: string;
  node: import('./registration.entity.ts').Registration;
}
