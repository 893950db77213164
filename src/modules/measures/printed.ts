import type { PrintedField, PrintedSection } from '../card/card-section.ts';

// §16 as Appendix 1 prints it: a heading, then 16.1–16.4 by kind; a relocation's family as rows of its own.

const kind = (value: string) => (row: Record<string, unknown>) => row.kind === value;
const referredOn: PrintedField = { label: { kk: 'Жіберілген күні', ru: 'Дата направления' }, path: 'referredOn', as: 'date' };
const employment: PrintedField = {
  label: {
    kk: 'Жұмыс берушіні, лауазымды көрсете отырып, тұрақты жұмыс орнына жұмысқа орналасқан күні',
    ru: 'Дата трудоустройства на постоянное место работы с указанием работодателя, должности',
  },
  path: 'employment',
  as: 'employment',
};

// The form counts a relocating person's family members able and unable to work; each member is
// recorded here, so who they are to the person and why one cannot work are printed beside them.
const memberDetail = 'each family member recorded, where the form counts them';

export const activeMeasuresPrinted: readonly PrintedSection[] = [
  {
    number: '16',
    heading: {
      kk: 'Жұмыспен қамтуға жәрдемдесудің белсенді шараларына қатысуға берілген жолдамалар туралы мәліметтер',
      ru: 'Сведения о выданных направлениях на участие в активных мерах содействия занятости',
    },
  },
  {
    number: '16.1',
    heading: { kk: 'кәсіптік оқыту', ru: 'профессиональное обучение' },
    rows: {
      where: kind('PROFESSIONAL_TRAINING'),
      layout: 'entries',
      columns: [
        { label: { kk: 'Кәсіптік оқыту түрі', ru: 'Вид профессионального обучения' }, path: 'trainingType', as: { dictionary: 'TRAINING_TYPE' } },
        { label: { kk: 'Жұмыс берушінің және (немесе) оқу орнының атауы', ru: 'Наименование работодателя и (или) учебного заведения' }, path: 'providerName' },
        { label: { kk: 'Оқу орнының және (немесе) жұмыс берушінің мекенжайы', ru: 'Адрес учебного заведения и (или) работодателя' }, path: 'providerAddress' },
        { label: { kk: 'Телефоны', ru: 'Телефон' }, path: 'providerPhone' },
        { label: { kk: 'Оқу мерзімі', ru: 'Период обучения' }, path: 'studyPeriod', as: 'period' },
        referredOn,
        { label: { kk: 'Алған мамандығы, біліктілігі', ru: 'Полученная специальность, квалификация' }, path: 'qualificationObtained' },
        employment,
      ],
    },
  },
  {
    number: '16.2',
    heading: { kk: 'кәсіпкерлік бастамаға жәрдемдесу', ru: 'содействие предпринимательской инициативе' },
    rows: {
      where: kind('ENTREPRENEURSHIP_SUPPORT'),
      layout: 'entries',
      columns: [
        referredOn,
        { label: { kk: 'Микрокредиттер:', ru: 'Микрокредиты:' } },
        { label: { kk: 'Микрокредит алу күні', ru: 'Дата получения микрокредита' }, path: 'microcredit.receivedOn', as: 'date' },
        { label: { kk: 'Кредит сомасы', ru: 'Сумма кредита' }, path: 'microcredit.amount', as: 'money' },
        { label: { kk: 'Жеңілдік кезеңінің мерзімі', ru: 'Срок льготного периода' }, path: ['microcredit.gracePeriodMonths', 'microcredit.gracePeriodUntil'], as: 'term' },
        { label: { kk: 'Қайтару мерзімі', ru: 'Срок погашения' }, path: ['microcredit.repaymentTermMonths', 'microcredit.repaymentTermUntil'], as: 'term' },
        { label: { kk: 'Қызмет түрі', ru: 'Вид деятельности' }, path: 'microcredit.activityType' },
        { label: { kk: 'Кәсіпкерлік негіздеріне оқыту:', ru: 'Обучение основам предпринимательства:' } },
        { label: { kk: 'Оқудың басталу күні', ru: 'Дата начала обучения' }, path: 'basicsTraining.startedOn', as: 'date' },
        { label: { kk: 'Оқуды аяқтау күні', ru: 'Дата окончания обучения' }, path: 'basicsTraining.finishedOn', as: 'date' },
        { label: { kk: 'Гранттар:', ru: 'Гранты:' } },
        { label: { kk: 'Өтініш берілген күні', ru: 'Дата подачи заявки' }, path: 'grant.appliedOn', as: 'date' },
        { label: { kk: 'Грант алған күні', ru: 'Дата получения гранта' }, path: 'grant.receivedOn', as: 'date' },
        { label: { kk: 'Қызмет түрі', ru: 'Вид деятельности' }, path: 'grant.activityType' },
      ],
    },
  },
  {
    number: '16.3',
    heading: { kk: 'субсидияланатын жұмыс орындары', ru: 'субсидируемые рабочие места' },
    rows: {
      where: kind('SUBSIDIZED_JOB'),
      layout: 'entries',
      columns: [
        { label: { kk: 'Субсидияланатын жұмыс орнының түрі', ru: 'Вид субсидируемого рабочего места' }, path: 'jobType', as: { dictionary: 'SUBSIDIZED_JOB_TYPE' } },
        { label: { kk: 'Жолдама күні', ru: 'Дата направления' }, path: 'referredOn', as: 'date' },
        { label: { kk: 'Қатысу мерзімі', ru: 'Период участия' }, path: 'participationPeriod', as: 'period' },
        { label: { kk: 'Жұмыс берушінің атауы', ru: 'Наименование работодателя' }, path: 'employerName' },
        { label: { kk: 'Лауазымы', ru: 'Должность' }, path: 'position' },
        {
          label: {
            kk: 'Жұмыс берушінің (оқу орнының) жұмысқа қабылдау (оқыту) туралы актісі немесе жұмысқа қабылдаудан бас тарту себебін көрсету',
            ru: 'Акт работодателя (учебного заведения) о приёме на работу (обучение) или указание причины отказа в приёме на работу',
          },
          path: ['hiringAct', 'refusal'],
          as: 'outcome',
        },
        employment,
      ],
    },
  },
  {
    number: '16.4',
    heading: {
      kk: 'жұмыс күшінің ұтқырлығын арттыру үшін ерікті қоныс аударуға жәрдемдесуге жолдау',
      ru: 'направление на содействие добровольному переселению для повышения мобильности рабочей силы',
    },
    rows: {
      where: kind('RELOCATION'),
      layout: 'entries',
      columns: [
        referredOn,
        { label: { kk: 'Келу орны', ru: 'Место прибытия' }, path: 'destination', as: 'place' },
        { label: { kk: 'Көрсетілген материалдық көмек:', ru: 'Оказанная материальная помощь:' } },
        { label: { kk: 'Шығыстарды өтеу (сома)', ru: 'Возмещение расходов (сумма)' }, path: 'assistance.relocationExpenses', as: 'money' },
        {
          label: { kk: 'Тұрғын үйді жалдауға (жалға алуға) арналған шығыстарды өтеу (сомасы)', ru: 'Возмещение расходов на наём (аренду) жилья (сумма)' },
          path: 'assistance.rentReimbursement',
          as: 'money',
        },
        {
          label: { kk: 'Берілген экономикалық ұтқырлық сертификаты (сомасы)', ru: 'Выданный сертификат экономической мобильности (сумма)' },
          path: 'assistance.economicMobilityCertificate',
          as: 'money',
        },
        { label: { kk: 'Тұрғын үй', ru: 'Жильё' }, path: 'housing.type', as: { dictionary: 'HOUSING_TYPE' } },
        { label: { kk: 'Отбасы мүшелеріне шаршы метр', ru: 'Квадратных метров на члена семьи' }, path: 'housing.areaPerFamilyMember' },
        employment,
      ],
      children: {
        key: 'familyMembers',
        heading: { kk: 'Отбасы мүшелері', ru: 'Члены семьи' },
        columns: [
          { label: { kk: 'Тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество' }, path: 'fullName' },
          { label: { kk: 'Туыстығы', ru: 'Родство' }, path: 'kinship', notOnForm: memberDetail },
          { label: { kk: 'Еңбекке жарамды', ru: 'Трудоспособен' }, path: 'ableToWork', as: 'yesNo' },
          { label: { kk: 'Еңбекке жарамсыздық себебі', ru: 'Причина нетрудоспособности' }, path: 'unableToWorkReason', notOnForm: memberDetail },
        ],
      },
    },
  },
];
