import type { NotificationKind, RegistrationKind, RegistrationRefusalReason } from '../../generated/graphql.ts';
import { registrationRefusalReasonLabels, type Label } from '../dictionary/codes.ts';

// What the person is told, declared once per kind: Kazakh (the state language) first, then
// Russian. Each template takes the facts of the change and the name of the center that keeps the
// card; the text is made when the message is queued, so it says what was true then.

/** The facts each kind of message tells. */
export interface NotificationFacts {
  REGISTRATION_REGISTERED: { registration: RegistrationKind; registeredOn: string };
  REGISTRATION_REFUSED: { registration: RegistrationKind; appliedOn: string; refusedOn: string; reason: RegistrationRefusalReason };
  VISIT_PLANNED: { plannedOn: string };
  REFERRAL_ISSUED: { referredOn: string; employerName: string; position: string };
}

/** `YYYY-MM-DD` as people in Kazakhstan write a date. */
const day = (date: string) => date.split('-').reverse().join('.');

/** The registration a person applied for, as the sentences need it. */
const AS: Readonly<Record<RegistrationKind, Label>> = {
  JOB_SEEKER: { kk: 'жұмыс іздеуші адам ретінде', ru: 'в качестве лица, ищущего работу' },
  UNEMPLOYED: { kk: 'жұмыссыз ретінде', ru: 'в качестве безработного' },
};

type Templates = { readonly [K in NotificationKind]: (facts: NotificationFacts[K], center: Label) => Label };

export const TEMPLATES: Templates = {
  REGISTRATION_REGISTERED: ({ registration, registeredOn }, center) => ({
    kk: `${center.kk}: сіз ${day(registeredOn)} бастап ${AS[registration].kk} тіркелдіңіз.`,
    ru: `${center.ru}: вы зарегистрированы ${AS[registration].ru} с ${day(registeredOn)}.`,
  }),
  REGISTRATION_REFUSED: ({ registration, appliedOn, refusedOn, reason }, center) => ({
    kk: `${center.kk}: ${day(appliedOn)} күнгі ${AS[registration].kk} тіркеу туралы өтінішіңіз ${day(refusedOn)} қабылданбады. Себебі: ${registrationRefusalReasonLabels[reason].kk}.`,
    ru: `${center.ru}: в регистрации ${AS[registration].ru} по заявлению от ${day(appliedOn)} отказано ${day(refusedOn)}. Причина: ${registrationRefusalReasonLabels[reason].ru}.`,
  }),
  VISIT_PLANNED: ({ plannedOn }, center) => ({
    kk: `${center.kk}: сізді ${day(plannedOn)} мансап орталығына күтеміз.`,
    ru: `${center.ru}: ждём вас в центре карьеры ${day(plannedOn)}.`,
  }),
  REFERRAL_ISSUED: ({ referredOn, employerName, position }, center) => ({
    kk: `${center.kk}: ${day(referredOn)} сізге «${employerName}» жұмыс берушіге «${position}» лауазымына жолдама берілді.`,
    ru: `${center.ru}: ${day(referredOn)} вам выдано направление к работодателю «${employerName}» на должность «${position}».`,
  }),
};

/** The text of a message of `kind` about `facts`, from the center named `center`. */
export function notificationText<K extends NotificationKind>(kind: K, facts: NotificationFacts[K], center: Label): Label {
  return (TEMPLATES[kind] as (facts: NotificationFacts[K], center: Label) => Label)(facts, center);
}
