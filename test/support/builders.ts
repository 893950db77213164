import type { SqlEntityManager } from '@mikro-orm/sql';
import { Card } from '../../src/modules/card/card.entity.ts';
import { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { EducationEntry } from '../../src/modules/education/education.entity.ts';
import { EmploymentPlanRow } from '../../src/modules/employment-plan/employment-plan.entity.ts';
import { CardSignature } from '../../src/modules/footer/footer.entity.ts';
import { CareerGuidance } from '../../src/modules/guidance/guidance.entity.ts';
import {
  EntrepreneurshipSupport, ProfessionalTraining, Relocation, RelocationFamilyMember, SubsidizedJob,
} from '../../src/modules/measures/measure.entity.ts';
import { composeIin } from '../../src/modules/person/iin.ts';
import { Referral } from '../../src/modules/referral/referral.entity.ts';
import { Registration } from '../../src/modules/registration/registration.entity.ts';
import { SpecialWorkplace } from '../../src/modules/special-workplace/special-workplace.entity.ts';
import { Visit } from '../../src/modules/visit/visit.entity.ts';

// Named builders for test cards: `aCard().withReferral().withRelocation()` states what a test
// needs; every value not given is a plain, valid default.

type Data = Record<string, any>;
let serial = 0;

/** A valid IIN for the birth date and sex, different on every call. */
export function nextIin(birthDate = '1990-05-17', sex: 'MALE' | 'FEMALE' = 'MALE'): string {
  for (;;) {
    const iin = composeIin(birthDate, sex, ++serial % 10000);
    if (iin) return iin;
  }
}

export async function aCareerCenter(em: SqlEntityManager, data: Data = {}): Promise<CareerCenter> {
  const code = data.code ?? `CC-TEST-${++serial}`;
  const center = em.create(CareerCenter, {
    code, nameKk: 'Алмалы ауданының мансап орталығы', nameRu: 'Центр карьеры Алмалинского района',
    region: 'KZ-75', district: 'KZ-75-002', address: 'Алматы, ул. Толе би, 155', phone: '+77272501010',
    email: 'almaly@career-center.kz', ...data,
  });
  await em.flush();
  return center;
}

interface Pending {
  entity: any;
  data: Data;
  children?: Pending[];
  childKey?: string;
}

export class CardBuilder {
  readonly card: Data;
  readonly #entries: Pending[] = [];

  constructor(data: Data) {
    const sex = data.sex ?? 'MALE';
    const birthDate = data.birthDate ?? '1990-05-17';
    this.card = {
      openedOn: '2026-01-15', iin: nextIin(birthDate, sex), sex, birthDate,
      fullName: { surname: 'Серікбаев', givenName: 'Нұрлан', patronymic: 'Асқарұлы' },
      citizenship: 'KZ', nationality: 'қазақ',
      address: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5' },
      phone: '+77011234567', email: 'nurlan@example.kz', ...data,
    };
  }

  #add(entity: unknown, data: Data, children?: Pending[], childKey?: string): this {
    this.#entries.push({ entity, data, children, childKey });
    return this;
  }

  withMainEducation(data: Data = {}) {
    return this.#add(EducationEntry, {
      section: 'MAIN', institutionName: 'Әл-Фараби атындағы ҚазҰУ', level: 'HIGHER',
      studyPeriod: { start: '2007-09-01', end: '2011-06-30' }, specialty: 'Есеп және аудит', ...data,
    });
  }

  withAdditionalEducation(data: Data = {}) {
    return this.#add(EducationEntry, {
      section: 'ADDITIONAL', institutionName: 'Учебный центр «Профи»', additionalKind: 'UPSKILLING',
      studyPeriod: { start: '2019-02-01', end: '2019-03-15' }, specialty: '1С:Бухгалтерия', ...data,
    });
  }

  withLastJob(data: Data = {}) {
    this.card.lastJob = { employerName: 'ТОО «Алатау Сервис»', hiredOn: '2015-03-01', dismissedOn: '2025-12-20', position: 'бухгалтер', ...data };
    return this;
  }

  withRegistration(kind: 'JOB_SEEKER' | 'UNEMPLOYED', data: Data = {}) {
    return this.#add(Registration, { kind, appliedOn: '2026-01-15', registeredOn: '2026-01-16', ...data });
  }

  withCareerGuidance(data: Data = {}) {
    return this.#add(CareerGuidance, {
      bodyName: 'Центр карьеры Алмалинского района', heldOn: '2026-01-20', result: 'рекомендовано обучение 1С', ...data,
    });
  }

  /**
   * Registered as unemployed (§15) from `on`, the day the card was opened unless told: §14 and §16
   * entries dated then or later have the registration they need (README: who may receive what).
   */
  registered(kind: 'JOB_SEEKER' | 'UNEMPLOYED' = 'UNEMPLOYED', on: string = this.card.openedOn) {
    return this.withRegistration(kind, { appliedOn: on, registeredOn: on });
  }

  withReferral(data: Data = {}) {
    return this.#add(Referral, { employerName: 'ТОО «Береке»', position: 'бухгалтер', referredOn: '2026-01-22', ...data });
  }

  withProfessionalTraining(data: Data = {}) {
    return this.#add(ProfessionalTraining, {
      kind: 'PROFESSIONAL_TRAINING', referredOn: '2026-02-01', trainingType: 'SHORT_TERM', providerName: 'Колледж сервиса',
      providerAddress: 'Алматы, ул. Сейфуллина, 1', providerPhone: '+77272223344',
      studyPeriod: { start: '2026-02-10', end: '2026-04-10' }, qualificationObtained: 'оператор 1С',
      employment: { employedOn: '2026-05-04', employerName: 'ТОО «Береке»', position: 'оператор 1С' }, ...data,
    });
  }

  withEntrepreneurshipSupport(data: Data = {}) {
    return this.#add(EntrepreneurshipSupport, {
      kind: 'ENTREPRENEURSHIP_SUPPORT', referredOn: '2026-02-02',
      microcredit: { receivedOn: '2026-03-15', amount: '4500000.50', gracePeriodMonths: 6, repaymentTermMonths: 60, activityType: 'мини-пекарня' },
      basicsTraining: { startedOn: '2026-02-05', finishedOn: '2026-02-20' },
      grant: { appliedOn: '2026-02-21', receivedOn: '2026-03-20', activityType: 'мини-пекарня' }, ...data,
    });
  }

  withSubsidizedJob(data: Data = {}) {
    return this.#add(SubsidizedJob, {
      kind: 'SUBSIDIZED_JOB', referredOn: '2026-02-03', jobType: 'PUBLIC_WORKS', employerName: 'КГУ «Аппарат акима»',
      position: 'рабочий по благоустройству', participationPeriod: { start: '2026-02-10', end: '2026-05-10' },
      hiringAct: { orderDate: '2026-02-10', orderNumber: '12-к', position: 'рабочий по благоустройству' },
      employment: { employedOn: '2026-05-20', employerName: 'ТОО «Таза Қала»', position: 'дворник' }, ...data,
    });
  }

  withRelocation(data: Data = {}, family: Data[] = [
    { fullName: 'Серікбаева Айгүл', kinship: 'супруга', ableToWork: true },
    { fullName: 'Серікбаев Алихан', kinship: 'сын', ableToWork: false, unableToWorkReason: 'несовершеннолетний' },
  ]) {
    return this.#add(Relocation, {
      kind: 'RELOCATION', referredOn: '2026-02-04',
      destination: { region: 'KZ-59', district: 'KZ-59-001', settlement: 'Петропавловск' },
      assistance: { relocationExpenses: '141075.00', rentReimbursement: '360000.10', economicMobilityCertificate: '5000000.20' },
      housing: { type: 'APARTMENT', areaPerFamilyMember: '18.50' },
      employment: { employedOn: '2026-03-01', employerName: 'ТОО «Солтүстік Агро»', position: 'механизатор' }, ...data,
    }, family.map((member) => ({ entity: RelocationFamilyMember, data: member })), 'relocation');
  }

  withSpecialWorkplace(data: Data = {}) {
    return this.#add(SpecialWorkplace, {
      employerName: 'ТОО «Инва Цех»', referredOn: '2026-02-05', position: 'оператор', participationPeriod: { start: '2026-02-12', end: null },
      hiringAct: { orderDate: '2026-02-12', orderNumber: '7-ЛС', position: 'оператор' }, ...data,
    });
  }

  withVisit(data: Data = {}) {
    return this.#add(Visit, { plannedOn: '2026-02-15', attendedOn: '2026-02-15', note: 'выдано направление', ...data });
  }

  withExpectations(data: Data = {}) {
    this.card.expectations = {
      wage: { desired: '400000.00', sufficientToStart: '320000.00', minimum: '250000.00' },
      workplace: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы' },
      preferredPosition: 'бухгалтер', lessSuitablePosition: 'кассир', searchTime: 'ACCEPTABLE_OPTION', searchMonths: 4, ...data,
    };
    return this;
  }

  withPlanRow(data: Data = {}) {
    return this.#add(EmploymentPlanRow, {
      measure: 'подбор вакансий по специальности', execution: 'выполнено', executedOn: '2026-02-01', ...data,
    });
  }

  withFooter(data: Data = {}) {
    Object.assign(this.card, {
      organisation: { name: 'Центр карьеры Алмалинского района', address: 'Алматы, ул. Толе би, 155', phone: '+77272501010', email: 'almaly@career-center.kz' },
      executorName: 'Ахметова Динара Серікқызы', headName: 'Омаров Бауыржан Қайратұлы', filledOn: '2026-01-15', ...data,
    });
    return this;
  }

  withSignature(data: Data = {}) {
    return this.#add(CardSignature, {
      role: 'EXECUTOR', signerName: 'Ахметова Динара Серікқызы', signedAt: new Date('2026-01-15T10:00:00Z'), cardVersion: 1,
      digest: 'a'.repeat(64), signature: 'MIIBbase64==', ...data,
    });
  }

  /** Every section of the form filled, with every kind of active measure. */
  complete() {
    return this.withMainEducation().withAdditionalEducation().withLastJob()
      .withRegistration('JOB_SEEKER').withRegistration('UNEMPLOYED', { appliedOn: '2026-01-17', registeredOn: '2026-01-18' })
      .withCareerGuidance().withReferral({ refusal: { refusedBy: 'APPLICANT', refusedOn: '2026-01-25', reason: 'удалённость' } })
      .withReferral({ referredOn: '2026-03-01', hiringAct: { orderDate: '2026-03-05', orderNumber: '45-к', position: 'бухгалтер' } })
      .withProfessionalTraining().withEntrepreneurshipSupport().withSubsidizedJob().withRelocation()
      .withSpecialWorkplace().withVisit().withVisit({ plannedOn: '2026-03-15', attendedOn: null, note: null })
      .withExpectations().withPlanRow().withFooter().withSignature();
  }

  async save(em: SqlEntityManager, careerCenter?: CareerCenter): Promise<Card> {
    const center = careerCenter ?? (await aCareerCenter(em));
    const card = em.create(Card, { ...this.card, careerCenter: center.id } as never);
    await em.flush();
    for (const entry of this.#entries) {
      const row: object = em.create(entry.entity, { ...entry.data, card: card.id } as never);
      if (entry.children?.length) {
        await em.flush();
        for (const child of entry.children) em.create(child.entity, { ...child.data, card: card.id, [entry.childKey!]: (row as { id: string }).id });
      }
    }
    await em.flush();
    return card;
  }
}

export const aCard = (data: Data = {}) => new CardBuilder(data);
