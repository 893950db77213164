import type { PrintedSection } from '../card/card-section.ts';

export const employmentPlanPrinted: readonly PrintedSection[] = [{
  number: '20',
  heading: { kk: 'Жұмыссызды тұрақты жұмысқа орналастыру жоспары', ru: 'План трудоустройства безработного на постоянную работу' },
  rows: {
    layout: 'table',
    columns: [
      { label: { kk: 'Жұмысқа орналастыру жөніндегі шаралар', ru: 'Мероприятия по трудоустройству' }, path: 'measure' },
      { label: { kk: 'Іс жүзінде орындау', ru: 'Фактическое исполнение' }, path: 'execution' },
      {
        label: { kk: 'Орындалған күні', ru: 'Дата исполнения' }, path: 'executedOn', as: 'date',
        notOnForm: 'the day a measure was carried out, which the monitoring of the plan needs (README: differences from the form)',
      },
      { label: { kk: 'Іс-шаралардың орындалмау себептері', ru: 'Причины неисполнения мероприятий' }, path: 'nonExecutionReason' },
    ],
  },
}];
