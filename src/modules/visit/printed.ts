import type { PrintedSection } from '../card/card-section.ts';

export const visitsPrinted: readonly PrintedSection[] = [{
  number: '18',
  heading: { kk: 'Жұмыссыздардың мансап орталығына баруын толтыру нысаны', ru: 'Форма заполнения посещений безработными центра карьеры' },
  rows: {
    layout: 'table',
    columns: [
      { label: { kk: 'Жоспарлы қатысу күні', ru: 'Планируемая дата посещения' }, path: 'plannedOn', as: 'date' },
      { label: { kk: 'Іс жүзінде қатысқан күні', ru: 'Фактическая дата посещения' }, path: 'attendedOn', as: 'date' },
      { label: { kk: 'Мансап орталығы қызметкерінің ескертпесі', ru: 'Примечание сотрудника центра карьеры' }, path: 'note' },
    ],
  },
}];
