import type { PrintedField, PrintedSection } from '../card/card-section.ts';

// §10 (main and additional education, told apart by `section`) and §11 as Appendix 1 prints them.

const studyPeriod: PrintedField = { label: { kk: 'Оқу мерзімі', ru: 'Период обучения' }, path: 'studyPeriod', as: 'period' };
const specialty: PrintedField = { label: { kk: 'Алған мамандығы (біліктілігі)', ru: 'Полученная специальность (квалификация)' }, path: 'specialty' };

export const educationPrinted: readonly PrintedSection[] = [
  { number: '10', heading: { kk: 'Білімі', ru: 'Образование' } },
  {
    number: '10.1',
    heading: { kk: 'білімі', ru: 'образование' },
    rows: {
      where: (row) => row.section === 'MAIN',
      layout: 'entries',
      columns: [
        { label: { kk: 'Білім беру ұйымының атауы', ru: 'Наименование организации образования' }, path: 'institutionName' },
        {
          label: {
            kk: 'Білім деңгейі бойынша оқу мекемесінің түрі (жоғары оқу орны, колледж, жалпы білім беретін мектеп)',
            ru: 'Тип учебного заведения по уровню образования (высшее учебное заведение, колледж, общеобразовательная школа)',
          },
          path: 'level',
          as: { dictionary: 'EDUCATION_LEVEL' },
        },
        studyPeriod,
        specialty,
      ],
    },
  },
  {
    number: '10.2',
    heading: { kk: 'қосымша білімі (қайта даярлау, біліктілікті арттыру курстары)', ru: 'дополнительное образование (курсы переподготовки, повышения квалификации)' },
    rows: {
      where: (row) => row.section === 'ADDITIONAL',
      layout: 'entries',
      columns: [
        { label: { kk: 'Білім беру ұйымының немесе жұмыс берушінің атауы', ru: 'Наименование организации образования или работодателя' }, path: 'institutionName' },
        { label: { kk: 'Түрі', ru: 'Вид' }, path: 'additionalKind', as: { dictionary: 'ADDITIONAL_EDUCATION_KIND' } },
        studyPeriod,
        specialty,
      ],
    },
  },
];

export const lastJobPrinted: readonly PrintedSection[] = [{
  number: '11',
  heading: { kk: 'Соңғы жұмыс (қызмет) орны', ru: 'Последнее место работы (службы)' },
  fields: [
    { label: { kk: 'Жұмыс берушінің атауы', ru: 'Наименование работодателя' }, path: 'employerName' },
    { label: { kk: 'Жұмысқа қабылданған күні', ru: 'Дата приёма на работу' }, path: 'hiredOn', as: 'date' },
    { label: { kk: 'Жұмыстан босатылған күні', ru: 'Дата увольнения' }, path: 'dismissedOn', as: 'date' },
    { label: { kk: 'Лауазымы', ru: 'Должность' }, path: 'position' },
  ],
}];
