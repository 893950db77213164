import type { PrintedSection } from '../card/card-section.ts';

// §1–9 as Appendix 1 prints them: each a section of its own, read from the identity part.

export const identityPrinted: readonly PrintedSection[] = [
  {
    number: '1',
    heading: { kk: 'Тегі, аты, әкесінің аты (ол болған жағдайда)', ru: 'Фамилия, имя, отчество (при его наличии)' },
    fields: [
      { label: { kk: 'Тегі', ru: 'Фамилия' }, path: 'fullName.surname' },
      { label: { kk: 'Аты', ru: 'Имя' }, path: 'fullName.givenName' },
      { label: { kk: 'Әкесінің аты (ол болған жағдайда)', ru: 'Отчество (при его наличии)' }, path: 'fullName.patronymic' },
    ],
  },
  {
    number: '2',
    heading: { kk: 'Жеке сәйкестендіру нөмірі', ru: 'Индивидуальный идентификационный номер' },
    fields: [{ label: { kk: 'ЖСН', ru: 'ИИН' }, path: 'iin' }],
  },
  { number: '3', heading: { kk: 'Жынысы', ru: 'Пол' }, fields: [{ label: { kk: 'Жынысы', ru: 'Пол' }, path: 'sex', as: { dictionary: 'SEX' } }] },
  { number: '4', heading: { kk: 'Туған күні', ru: 'Дата рождения' }, fields: [{ label: { kk: 'Туған күні', ru: 'Дата рождения' }, path: 'birthDate', as: 'date' }] },
  { number: '5', heading: { kk: 'Азаматтығы', ru: 'Гражданство' }, fields: [{ label: { kk: 'Азаматтығы', ru: 'Гражданство' }, path: 'citizenship', as: 'country' }] },
  { number: '6', heading: { kk: 'Ұлты', ru: 'Национальность' }, fields: [{ label: { kk: 'Ұлты', ru: 'Национальность' }, path: 'nationality' }] },
  {
    number: '7',
    heading: { kk: 'Тұрғылықты жерінің мекенжайы', ru: 'Адрес места жительства' },
    fields: [
      { label: { kk: 'Облыс', ru: 'Область' }, path: 'address.region', as: 'region' },
      { label: { kk: 'Аудан', ru: 'Район' }, path: 'address.district', as: 'district' },
      { label: { kk: 'Елді мекен', ru: 'Населённый пункт' }, path: 'address.settlement' },
      { label: { kk: 'Көше', ru: 'Улица' }, path: 'address.street' },
      { label: { kk: 'Үй нөмірі', ru: 'Номер дома' }, path: 'address.house' },
      { label: { kk: 'Пәтер нөмірі', ru: 'Номер квартиры' }, path: 'address.apartment' },
    ],
  },
  { number: '8', heading: { kk: 'Телефон', ru: 'Телефон' }, fields: [{ label: { kk: 'Телефон', ru: 'Телефон' }, path: 'phone' }] },
  { number: '9', heading: { kk: 'Электрондық пошта', ru: 'Электронная почта' }, fields: [{ label: { kk: 'Электрондық пошта', ru: 'Электронная почта' }, path: 'email' }] },
];
