import type { PrintedSection } from '../card/card-section.ts';

export const careerGuidancePrinted: readonly PrintedSection[] = [{
  number: '13',
  heading: { kk: 'Әлеуметтік кәсіптік бағдарлау қорытындылары', ru: 'Итоги социальной профессиональной ориентации' },
  rows: {
    layout: 'table',
    columns: [
      {
        label: { kk: 'Әлеуметтік кәсіптік бағдарлауды жүргізетін органның атауы', ru: 'Наименование органа, проводящего социальную профессиональную ориентацию' },
        path: 'bodyName',
      },
      { label: { kk: 'Өткізу күні', ru: 'Дата проведения' }, path: 'heldOn', as: 'date' },
      { label: { kk: 'Нәтижесі', ru: 'Результат' }, path: 'result' },
    ],
  },
}];
