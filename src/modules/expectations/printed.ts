import type { PrintedSection } from '../card/card-section.ts';

export const expectationsPrinted: readonly PrintedSection[] = [{
  number: '19',
  heading: { kk: 'Жұмыссыздың күтетіні', ru: 'Ожидания безработного' },
  fields: [
    { label: { kk: 'Сіз қандай еңбекақы алуды күтесіз:', ru: 'Какую заработную плату вы ожидаете получать:' } },
    { label: { kk: 'Сіз күтетін нұсқада алғыңыз келетін еңбекақы сомасы, теңге', ru: 'Сумма заработной платы, которую вы хотели бы получать в ожидаемом варианте, тенге' }, path: 'wage.desired', as: 'money' },
    { label: { kk: 'Мансабыңызды бастау үшін жеткілікті және тиімді еңбекақы сомасы, теңге', ru: 'Сумма заработной платы, достаточная и эффективная для начала карьеры, тенге' }, path: 'wage.sufficientToStart', as: 'money' },
    { label: { kk: 'Сіз жұмыс істемейтін еңбекақы немесе ең төменгі еңбекақы сомасы, теңге', ru: 'Сумма заработной платы, ниже которой вы не будете работать, или минимальная заработная плата, тенге' }, path: 'wage.minimum', as: 'money' },
    {
      label: { kk: 'Сіздің болашақ жұмысыңыздың орналасқан жері (облыс, қала, аудан, ауыл)', ru: 'Место расположения вашей будущей работы (область, город, район, село)' },
      path: 'workplace',
      as: 'place',
    },
    { label: { kk: 'Тиімді лауазым', ru: 'Предпочтительная должность' }, path: 'preferredPosition' },
    { label: { kk: 'Қолайлылығы төмен', ru: 'Менее подходящая должность' }, path: 'lessSuitablePosition' },
    { label: { kk: 'Сіз жұмыс іздеуге қанша уақыт жұмсауды ойлап отырсыз?', ru: 'Сколько времени вы планируете потратить на поиск работы?' }, path: 'searchMonths', as: 'months' },
    {
      label: { kk: 'Бағалау шкаласы (1, 2, 5)', ru: 'Шкала оценки (1, 2, 5)' }, path: 'searchTime', as: { dictionary: 'SEARCH_TIME_SCALE' },
      notOnForm: 'the form lists the 1/2/5 answers under 4) without a label of their own; both the months and the scale are kept (README)',
    },
  ],
}];
