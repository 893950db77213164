import type { PrintedField, PrintedSection } from '../card/card-section.ts';

// §12 (job seeker) and §15 (unemployed): one table of episodes, printed as two sections of the form.

const columns: readonly PrintedField[] = [
  { label: { kk: 'Өтініш берген күні', ru: 'Дата подачи заявления' }, path: 'appliedOn', as: 'date' },
  { label: { kk: 'Тіркеу немесе бас тарту күні', ru: 'Дата регистрации или отказа' }, path: ['registeredOn', 'refusal.refusedOn'], as: 'date' },
  { label: { kk: 'Бас тарту себебі', ru: 'Причина отказа' }, path: 'refusal.reason', as: { dictionary: 'REGISTRATION_REFUSAL_REASON' }, detail: 'refusal.note' },
  { label: { kk: 'Есептен шығарылған күні', ru: 'Дата снятия с учёта' }, path: 'deregistration.deregisteredOn', as: 'date' },
  {
    label: { kk: 'Есептен шығару себебі', ru: 'Причина снятия с учёта' }, path: 'deregistration.reason', as: { dictionary: 'DEREGISTRATION_REASON' },
    detail: 'deregistration.note',
  },
  {
    label: { kk: 'Өтінішті кері қайтарып алған күні', ru: 'Дата отзыва заявления' }, path: 'withdrawnOn', as: 'date',
    notOnForm: 'an application the person withdrew before it was decided (README: differences from the form)',
  },
];

export const registrationsPrinted: readonly PrintedSection[] = [
  {
    number: '12',
    heading: { kk: 'Жұмыс іздеуші адам ретінде тіркелгені туралы мәліметтер', ru: 'Сведения о регистрации в качестве лица, ищущего работу' },
    rows: { where: (row) => row.kind === 'JOB_SEEKER', layout: 'table', columns },
  },
  {
    number: '15',
    heading: { kk: 'Жұмыссыз ретінде тіркелу туралы мәліметтер', ru: 'Сведения о регистрации в качестве безработного' },
    rows: { where: (row) => row.kind === 'UNEMPLOYED', layout: 'table', columns },
  },
];
