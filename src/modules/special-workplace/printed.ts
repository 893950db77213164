import type { PrintedSection } from '../card/card-section.ts';

export const specialWorkplacesPrinted: readonly PrintedSection[] = [{
  number: '17',
  heading: { kk: 'Арнайы жұмыс орындары', ru: 'Специальные рабочие места' },
  rows: {
    layout: 'entries',
    columns: [
      { label: { kk: 'Жұмыс берушінің атауы', ru: 'Наименование работодателя' }, path: 'employerName' },
      { label: { kk: 'Жолдаманың берілген күні', ru: 'Дата выдачи направления' }, path: 'referredOn', as: 'date' },
      { label: { kk: 'Қатысу мерзімі', ru: 'Период участия' }, path: 'participationPeriod', as: 'period' },
      { label: { kk: 'Лауазымы (кәсібі)', ru: 'Должность (профессия)' }, path: 'position' },
      { label: { kk: 'Жұмыс берушінің жұмысқа қабылдау туралы актісі', ru: 'Акт работодателя о приёме на работу' }, path: 'hiringAct', as: 'outcome' },
    ],
  },
}];
