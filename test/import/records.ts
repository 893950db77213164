import { nextIin } from '../support/builders.ts';

// Import records for the tests: one that fills every section the format has.

type Data = Record<string, any>;

/** A record with every section filled, for the IIN and career center given. */
export function aFullRecord(careerCenter: string, data: Data = {}): Data {
  const iin = data.iin ?? nextIin('1988-03-14', 'FEMALE');
  return {
    iin,
    careerCenter,
    openedOn: '2025-02-03',
    fullName: { surname: 'Жұмабаева', givenName: 'Әйгерім', patronymic: 'Серікқызы' },
    citizenship: 'KZ',
    nationality: 'қазақ',
    address: { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5' },
    phone: '+77011234567',
    email: 'aigerim@example.kz',
    mainEducation: [{ sourceId: 'edu-1', institutionName: 'Әл-Фараби атындағы ҚазҰУ', level: 'HIGHER', studyPeriod: { start: '2005-09-01', end: '2009-06-30' }, specialty: 'Экономика' }],
    additionalEducation: [{ sourceId: 'edu-2', organisationName: 'Enbek курстары', kind: 'UPSKILLING', studyPeriod: { start: '2015-03-01', end: '2015-04-01' } }],
    lastJob: { employerName: 'ТОО «Алатау»', hiredOn: '2015-05-01', dismissedOn: '2024-12-31', position: 'бухгалтер' },
    registrations: [
      { sourceId: 'reg-1', kind: 'JOB_SEEKER', appliedOn: '2025-02-03', registeredOn: '2025-02-04' },
      { sourceId: 'reg-2', kind: 'UNEMPLOYED', appliedOn: '2025-02-05', registeredOn: '2025-02-10', deregistration: { deregisteredOn: '2025-09-01', reason: 'EMPLOYED' } },
    ],
    careerGuidance: [{ sourceId: 'cg-1', bodyName: 'Алматы мансап орталығы', heldOn: '2025-02-12', result: 'бухгалтерияға бейім' }],
    referrals: [{ sourceId: 'ref-1', employerName: 'АО «Казпочта»', position: 'оператор', referredOn: '2025-03-01', outcome: { refusal: { refusedBy: 'EMPLOYER', refusedOn: '2025-03-05', reason: 'бос орын жабылды' } } }],
    activeMeasures: [
      { sourceId: 'am-1', kind: 'PROFESSIONAL_TRAINING', referredOn: '2025-04-01', trainingType: 'RETRAINING', providerName: 'Колледж', studyPeriod: { start: '2025-04-10', end: '2025-06-10' } },
      { sourceId: 'am-2', kind: 'ENTREPRENEURSHIP_SUPPORT', referredOn: '2025-05-01', microcredit: { receivedOn: '2025-05-20', amount: '2500000.50', repaymentTerm: { until: '2028-05-20' }, gracePeriod: { months: 6 }, activityType: 'нан пісіру' } },
      { sourceId: 'am-3', kind: 'SUBSIDIZED_JOB', referredOn: '2025-06-01', jobType: 'PUBLIC_WORKS', employerName: 'Әкімдік', position: 'аула сыпырушы', employerDecision: { hiring: { orderDate: '2025-06-05', orderNumber: '12-к', position: 'аула сыпырушы' } } },
      {
        sourceId: 'am-4', kind: 'RELOCATION', referredOn: '2025-07-01',
        familyMembers: [{ fullName: 'Жұмабаев Нұрлан', kinship: 'жұбайы', ableToWork: true }, { fullName: 'Жұмабаева Дана', kinship: 'қызы', ableToWork: false, unableToWorkReason: 'кәмелетке толмаған' }],
        destination: { region: 'KZ-59', settlement: 'Петропавл' },
        materialAssistance: { relocationExpenses: '120000.00', rentReimbursement: '45000' },
        housing: { type: 'APARTMENT', areaPerFamilyMember: 18.5 },
      },
    ],
    specialWorkplaces: [{ sourceId: 'sw-1', employerName: 'ТОО «Қамқор»', referredOn: '2025-08-01', position: 'тігінші' }],
    expectations: { wage: { desired: '350000', minimum: '250000.00' }, workplace: { region: 'KZ-75' }, preferredPosition: 'бухгалтер', searchTime: 'DECENT_OPTION', searchMonths: 3 },
    visits: [{ sourceId: 'v-1', plannedOn: '2025-02-20', attendedOn: '2025-02-20', note: 'келді' }, { sourceId: 'v-2', plannedOn: '2026-12-15' }],
    employmentPlan: [{ sourceId: 'p-1', measure: 'Қайта даярлау курсы', execution: 'өтті', executedOn: '2025-06-10' }],
    ...data,
  };
}

/** A record with only the identity part. */
export function anIdentityRecord(careerCenter: string, data: Data = {}): Data {
  return {
    iin: data.iin ?? nextIin('1995-11-02', 'MALE'),
    careerCenter,
    openedOn: '2026-01-15',
    fullName: { surname: 'Иванов', givenName: 'Пётр', patronymic: 'Сергеевич' },
    ...data,
  };
}
