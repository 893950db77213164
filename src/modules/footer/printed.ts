import type { PrintedCardValues, PrintedSection } from '../card/card-section.ts';

// The footer of Appendix 1 (it has no heading on paper: this one names what it holds), and the
// signatures given, printed after it.

/** The name of whoever last signed in `role`, if anyone did. */
const signerIn = (card: PrintedCardValues, role: string) => card.entries('signature').findLast((s) => s.role === role)?.signerName ?? null;

export const footerPrinted: readonly PrintedSection[] = [{
  number: 'footer',
  // The signatories' names come from the signers; before anyone signs, the executor who keeps the
  // card, and a head's name typed before signatures were verified.
  value: (own, card) => ({
    ...own,
    executorName: signerIn(card, 'EXECUTOR') ?? card.part('executor')?.fullName ?? null,
    headName: signerIn(card, 'HEAD') ?? own?.headName ?? null,
  }),
  heading: { kk: 'Нысанды толтырған ұйым және қол қоюшылар', ru: 'Организация, заполнившая форму, и подписанты' },
  notOnForm: 'the footer has no heading on paper',
  fields: [
    { label: { kk: 'Ұйымның атауы', ru: 'Наименование организации' }, path: 'organisation.name' },
    { label: { kk: 'Мекенжайы', ru: 'Адрес' }, path: 'organisation.address' },
    { label: { kk: 'Телефон', ru: 'Телефон' }, path: 'organisation.phone' },
    { label: { kk: 'Электрондық пошта мекенжайы', ru: 'Адрес электронной почты' }, path: 'organisation.email' },
    { label: { kk: 'Орындаушы', ru: 'Исполнитель' }, path: 'executorName' },
    { label: { kk: 'Басшы немесе қол қоюға уәкілетті тұлға', ru: 'Руководитель или лицо, уполномоченное на подписание' }, path: 'headName' },
    { label: { kk: 'Толтырылған күні', ru: 'Дата заполнения' }, path: 'filledOn', as: 'date' },
  ],
}];

// On paper the signatures are marks beside the names; here, what each electronic signature records.
const signed = 'what an electronic signature records, which paper has no place for';

export const signaturesPrinted: readonly PrintedSection[] = [{
  number: 'footer.1',
  heading: { kk: 'Электрондық цифрлық қолтаңбалар', ru: 'Электронные цифровые подписи' },
  notOnForm: signed,
  rows: {
    layout: 'entries',
    columns: [
      { label: { kk: 'Рөлі', ru: 'Роль' }, path: 'role', as: { dictionary: 'SIGNATORY_ROLE' }, notOnForm: signed },
      { label: { kk: 'Қол қойған', ru: 'Подписал' }, path: 'signerName', notOnForm: signed },
      { label: { kk: 'Қол қойылған уақыты', ru: 'Дата и время подписания' }, path: 'signedAt', as: 'dateTime', notOnForm: signed },
      { label: { kk: 'Сертификат иесі', ru: 'Владелец сертификата' }, path: 'certificateSubject', notOnForm: signed },
      { label: { kk: 'Қол қойылған нұсқа', ru: 'Подписанная версия' }, path: 'cardVersion', notOnForm: signed },
      { label: { kk: 'Қол қойылған нұсқаның дайджесті (SHA-256)', ru: 'Дайджест подписанной версии (SHA-256)' }, path: 'digest', as: 'digest', notOnForm: signed },
    ],
  },
}];
