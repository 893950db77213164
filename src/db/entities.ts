import { ReadAudit, ReadAuditCard } from '../modules/audit/audit.entity.ts';
import { DatePeriod, Employment, Place } from '../modules/base/values.entity.ts';
import { Card } from '../modules/card/card.entity.ts';
import { CareerCenter } from '../modules/career-center/career-center.entity.ts';
import { District, Region } from '../modules/dictionary/territory.entity.ts';
import { EducationEntry, LastJob } from '../modules/education/education.entity.ts';
import { EmploymentPlanRow } from '../modules/employment-plan/employment-plan.entity.ts';
import { ExpectedWage, Expectations } from '../modules/expectations/expectations.entity.ts';
import { CardSignature, Organisation } from '../modules/footer/footer.entity.ts';
import { CareerGuidance } from '../modules/guidance/guidance.entity.ts';
import { CardHistory } from '../modules/history/history.entity.ts';
import {
  ActiveMeasure, EntrepreneurshipBasicsTraining, EntrepreneurshipSupport, Grant, Microcredit, ProfessionalTraining,
  Relocation, RelocationAssistance, RelocationFamilyMember, RelocationHousing, SubsidizedJob,
} from '../modules/measures/measure.entity.ts';
import { Address, PersonName } from '../modules/person/person.entity.ts';
import { HiringAct, Referral, ReferralRefusal } from '../modules/referral/referral.entity.ts';
import { Deregistration, Registration, RegistrationRefusal } from '../modules/registration/registration.entity.ts';
import { SpecialWorkplace } from '../modules/special-workplace/special-workplace.entity.ts';
import { Visit } from '../modules/visit/visit.entity.ts';

/** Every entity and embeddable, given to MikroORM explicitly (no folder scanning). */
export const entities = [
  Region, District, CareerCenter,
  Card, PersonName, Address, LastJob, Expectations, ExpectedWage, Organisation, DatePeriod, Employment, Place,
  EducationEntry, Registration, RegistrationRefusal, Deregistration, CareerGuidance,
  Referral, HiringAct, ReferralRefusal,
  ActiveMeasure, ProfessionalTraining, EntrepreneurshipSupport, Microcredit, EntrepreneurshipBasicsTraining, Grant,
  SubsidizedJob, Relocation, RelocationAssistance, RelocationHousing, RelocationFamilyMember,
  SpecialWorkplace, Visit, EmploymentPlanRow, CardSignature, CardHistory,
  ReadAudit, ReadAuditCard,
];
