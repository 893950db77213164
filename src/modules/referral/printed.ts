import type { PrintedSection } from '../card/card-section.ts';

export const referralsPrinted: readonly PrintedSection[] = [{
  number: '14',
  heading: { kk: 'Тиісті жұмыстың берілген бағыттары', ru: 'Выданные направления на подходящую работу' },
  rows: {
    layout: 'entries',
    columns: [
      { label: { kk: 'Жұмыс берушінің атауы', ru: 'Наименование работодателя' }, path: 'employerName' },
      { label: { kk: 'Лауазымы (кәсібі)', ru: 'Должность (профессия)' }, path: 'position' },
      { label: { kk: 'Жұмыс бағытын беру күні', ru: 'Дата выдачи направления на работу' }, path: 'referredOn', as: 'date' },
      {
        label: {
          kk: 'Жұмыс берушінің жұмысқа қабылдау туралы актісі не бас тарту себебін көрсету',
          ru: 'Акт работодателя о приёме на работу либо указание причины отказа',
        },
        path: ['hiringAct', 'refusal'],
        as: 'outcome',
      },
    ],
  },
}];
