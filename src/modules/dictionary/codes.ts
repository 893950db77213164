import type {
  ActiveMeasureKind, AdditionalEducationKind, AgeGroup, ConsentScope, DeregistrationReason, DictionaryName, EducationLevel,
  HousingType, NotificationKind, NotificationStatus, RefusingParty, RegistrationEpisodeStatus, RegistrationKind, RegistrationRefusalReason,
  RegistrationStatus, SearchTimeScale, Sex, SignatoryRole, SubsidizedJobType, TrainingType, VerificationReason, VerificationStatus,
} from '../../generated/graphql.ts';

// The code lists the order names, with their Kazakh and Russian labels. Each map is typed by the
// enum generated from the SDL, so a value added to the schema without labels fails the type check.
// Entities take their allowed values from these maps (`codes(...)`), so the database check
// constraints, the schema and the labels never drift apart.

export interface Label {
  readonly kk: string;
  readonly ru: string;
}
type Labels<T extends string> = { readonly [K in T]: Label };

/** A code with its labels, as a dictionary lists it. */
export interface CodeEntry extends Label {
  readonly code: string;
}

/** The languages labels are given in; Kazakh, the state language, unless the request asks otherwise. */
export type Language = 'KK' | 'RU';
export const DEFAULT_LANGUAGE: Language = 'KK';

/** A label in a language. */
export const labelIn = (label: Label, language: Language): string => (language === 'RU' ? label.ru : label.kk);

/**
 * The language an `Accept-Language` header prefers among Kazakh and Russian (by its q-values,
 * then by order), or null when it names neither.
 */
export function preferredLanguage(acceptLanguage: string | undefined | null): Language | null {
  const ranked = (acceptLanguage ?? '').split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    return { primary: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, index };
  }).filter((entry) => (entry.primary === 'kk' || entry.primary === 'ru') && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0] ? (ranked[0].primary === 'ru' ? 'RU' : 'KK') : null;
}

/** The language of labels: the one an `Accept-Language` header prefers, or the default when it names neither. */
export const languageOf = (acceptLanguage: string | undefined | null): Language => preferredLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;

/**
 * A request's languages: of labels (Kazakh unless Russian is preferred) and of messages for people
 * (Kazakh or Russian when preferred, else null: English, the language they are written in).
 */
export function requestLanguages(acceptLanguage: string | undefined | null): { language: Language; messageLanguage: Language | null } {
  const preferred = preferredLanguage(acceptLanguage);
  return { language: preferred ?? DEFAULT_LANGUAGE, messageLanguage: preferred };
}

/** The codes of a code list, in the order of the form. */
export function codes<T extends string>(labels: Labels<T>): T[] {
  return Object.keys(labels) as T[];
}

export const sexLabels: Labels<Sex> = {
  MALE: { kk: 'Ер', ru: 'Мужской' },
  FEMALE: { kk: 'Әйел', ru: 'Женский' },
};

export const educationLevelLabels: Labels<EducationLevel> = {
  HIGHER: { kk: 'Жоғары оқу орны', ru: 'Высшее учебное заведение' },
  TECHNICAL_VOCATIONAL: { kk: 'Колледж (техникалық және кәсіптік білім)', ru: 'Колледж (техническое и профессиональное образование)' },
  GENERAL_SECONDARY: { kk: 'Жалпы білім беретін мектеп', ru: 'Общеобразовательная школа' },
};

export const additionalEducationKindLabels: Labels<AdditionalEducationKind> = {
  RETRAINING: { kk: 'Қайта даярлау', ru: 'Переподготовка' },
  UPSKILLING: { kk: 'Біліктілікті арттыру', ru: 'Повышение квалификации' },
};

export const registrationKindLabels: Labels<RegistrationKind> = {
  JOB_SEEKER: { kk: 'Жұмыс іздеуші адам ретінде тіркеу', ru: 'Регистрация в качестве лица, ищущего работу' },
  UNEMPLOYED: { kk: 'Жұмыссыз ретінде тіркеу', ru: 'Регистрация в качестве безработного' },
};

export const registrationRefusalReasonLabels: Labels<RegistrationRefusalReason> = {
  INCOMPLETE_DOCUMENTS: { kk: 'Құжаттар топтамасы толық ұсынылмады', ru: 'Представлен неполный пакет документов' },
  FALSE_INFORMATION: { kk: 'Дәйексіз мәліметтер ұсынылды', ru: 'Представлены недостоверные сведения' },
  EMPLOYED: { kk: 'Жұмыспен қамтылған адам', ru: 'Лицо является занятым' },
  UNDER_AGE: { kk: '16 жасқа толмаған', ru: 'Не достиг шестнадцатилетнего возраста' },
  RETIREMENT_AGE: { kk: 'Зейнеткерлік жасқа толған', ru: 'Достиг пенсионного возраста' },
  FULL_TIME_STUDENT: { kk: 'Күндізгі оқу нысаны бойынша оқиды', ru: 'Обучается по очной форме' },
  OTHER: { kk: 'Басқа себеп', ru: 'Иная причина' },
};

export const deregistrationReasonLabels: Labels<DeregistrationReason> = {
  EMPLOYED: { kk: 'Жұмысқа орналасты', ru: 'Трудоустройство' },
  ENTREPRENEURSHIP: { kk: 'Кәсіпкерлік қызметті бастады', ru: 'Начало предпринимательской деятельности' },
  FULL_TIME_STUDY: { kk: 'Күндізгі оқу нысанына түсті', ru: 'Поступление на очную форму обучения' },
  REFUSED_SUITABLE_WORK: { kk: 'Лайықты жұмыстан екі рет бас тартты', ru: 'Двукратный отказ от подходящей работы' },
  FAILED_TO_APPEAR: { kk: 'Дәлелсіз себептермен келмеді', ru: 'Неявка без уважительных причин' },
  MOVED_AWAY: { kk: 'Басқа тұрғылықты жерге көшті', ru: 'Переезд на другое место жительства' },
  RETIREMENT: { kk: 'Зейнеткерлік жасқа толды', ru: 'Достижение пенсионного возраста' },
  OWN_REQUEST: { kk: 'Өз өтініші бойынша', ru: 'По личному заявлению' },
  FALSE_INFORMATION: { kk: 'Жалған мәліметтер ұсынды', ru: 'Представление ложных сведений' },
  IMPRISONMENT: { kk: 'Бас бостандығынан айыруға сотталды', ru: 'Осуждение к лишению свободы' },
  MILITARY_SERVICE: { kk: 'Әскери қызметке шақырылды', ru: 'Призыв на воинскую службу' },
  DEATH: { kk: 'Қайтыс болды', ru: 'Смерть' },
  OTHER: { kk: 'Басқа себеп', ru: 'Иная причина' },
};

export const refusingPartyLabels: Labels<RefusingParty> = {
  EMPLOYER: { kk: 'Жұмыс беруші', ru: 'Работодатель' },
  APPLICANT: { kk: 'Өтініш беруші', ru: 'Заявитель' },
};

export const activeMeasureKindLabels: Labels<ActiveMeasureKind> = {
  PROFESSIONAL_TRAINING: { kk: 'Кәсіптік оқыту', ru: 'Профессиональное обучение' },
  ENTREPRENEURSHIP_SUPPORT: { kk: 'Кәсіпкерлік бастамаға жәрдемдесу', ru: 'Содействие предпринимательской инициативе' },
  SUBSIDIZED_JOB: { kk: 'Субсидияланатын жұмыс орындары', ru: 'Субсидируемые рабочие места' },
  RELOCATION: {
    kk: 'Жұмыс күшінің ұтқырлығын арттыру үшін ерікті қоныс аударуға жәрдемдесу',
    ru: 'Содействие добровольному переселению для повышения мобильности рабочей силы',
  },
};

export const trainingTypeLabels: Labels<TrainingType> = {
  VOCATIONAL_PREPARATION: { kk: 'Кәсіптік даярлау', ru: 'Профессиональная подготовка' },
  RETRAINING: { kk: 'Қайта даярлау', ru: 'Переподготовка' },
  UPSKILLING: { kk: 'Біліктілікті арттыру', ru: 'Повышение квалификации' },
  SHORT_TERM: { kk: 'Қысқа мерзімді кәсіптік оқыту', ru: 'Краткосрочное профессиональное обучение' },
};

export const subsidizedJobTypeLabels: Labels<SubsidizedJobType> = {
  PUBLIC_WORKS: { kk: 'Қоғамдық жұмыстар', ru: 'Общественные работы' },
  SOCIAL_WORKPLACE: { kk: 'Әлеуметтік жұмыс орындары', ru: 'Социальные рабочие места' },
  YOUTH_PRACTICE: { kk: 'Жастар практикасы', ru: 'Молодёжная практика' },
  FIRST_WORKPLACE: { kk: 'Алғашқы жұмыс орны', ru: 'Первое рабочее место' },
  GENERATION_CONTRACT: { kk: 'Ұрпақтар келісімшарты', ru: 'Контракт поколений' },
  SILVER_AGE: { kk: 'Күміс жас', ru: 'Серебряный возраст' },
  STUDENT_WORK: {
    kk: 'Студенттер мен жоғары сынып оқушыларының оқудан бос уақыттағы жұмысы',
    ru: 'Работа студентов и старшеклассников в свободное от учёбы время',
  },
};

export const housingTypeLabels: Labels<HousingType> = {
  INDIVIDUAL_HOUSE: { kk: 'Жеке тұрғын үй', ru: 'Индивидуальный жилой дом' },
  APARTMENT: { kk: 'Көппәтерлі тұрғын үйдегі пәтер', ru: 'Квартира в многоквартирном жилом доме' },
  DORMITORY_ROOM: { kk: 'Жатақханадағы бөлме', ru: 'Комната в общежитии' },
};

export const searchTimeScaleLabels: Labels<SearchTimeScale> = {
  DECENT_OPTION: { kk: '1 – лайықты нұсқа', ru: '1 – достойный вариант' },
  ACCEPTABLE_OPTION: { kk: '2 – қолайлы нұсқа', ru: '2 – приемлемый вариант' },
  WORST_OPTION: { kk: '5 – ықтимал нұсқалардан ең жаманы', ru: '5 – худший из возможных вариантов' },
};

export const registrationEpisodeStatusLabels: Labels<RegistrationEpisodeStatus> = {
  APPLIED: { kk: 'Өтініш берілді', ru: 'Подано заявление' },
  REGISTERED: { kk: 'Тіркелді', ru: 'Зарегистрирован' },
  REFUSED: { kk: 'Тіркеуден бас тартылды', ru: 'Отказано в регистрации' },
  DEREGISTERED: { kk: 'Есептен шығарылды', ru: 'Снят с учёта' },
  WITHDRAWN: { kk: 'Өтініш кері қайтарылды', ru: 'Заявление отозвано' },
};

export const registrationStatusLabels: Labels<RegistrationStatus> = {
  JOB_SEEKER: { kk: 'Жұмыс іздеуші адам', ru: 'Лицо, ищущее работу' },
  UNEMPLOYED: { kk: 'Жұмыссыз', ru: 'Безработный' },
  NONE: { kk: 'Тіркелмеген', ru: 'Не состоит на учёте' },
};

export const signatoryRoleLabels: Labels<SignatoryRole> = {
  EXECUTOR: { kk: 'Орындаушы', ru: 'Исполнитель' },
  HEAD: { kk: 'Басшы немесе қол қоюға уәкілетті тұлға', ru: 'Руководитель или лицо, уполномоченное на подписание' },
};

export const verificationStatusLabels: Labels<VerificationStatus> = {
  VERIFIED: { kk: 'Тексерілді', ru: 'Проверено' },
  PENDING: { kk: 'Тексеруді күтуде', ru: 'Ожидает проверки' },
  FAILED: { kk: 'Тексеруден өтпеді', ru: 'Проверка не пройдена' },
};

export const verificationReasonLabels: Labels<VerificationReason> = {
  NO_REGISTRY: {
    kk: 'Жеке тұлғалар тізілімі қосылмаған, сондықтан жеке басы тексерілмеді',
    ru: 'Реестр физических лиц не подключён, поэтому личность не проверялась',
  },
  REGISTRY_UNAVAILABLE: {
    kk: 'Жеке тұлғалар тізілімі қолжетімсіз; қайта сұралады',
    ru: 'Реестр физических лиц недоступен; запрос будет повторён',
  },
  NOT_IN_REGISTRY: { kk: 'Тізілімде осы ЖСН бар адам жоқ', ru: 'В реестре нет лица с этим ИИН' },
  UNUSABLE_ANSWER: { kk: 'Тізілімнің жауабын пайдалану мүмкін емес', ru: 'Ответ реестра непригоден для использования' },
  IMPORTED: { kk: 'Карта импортталды; тізілімнің тексеруін күтуде', ru: 'Карта импортирована; ожидает проверки по реестру' },
  IDENTITY_IMPORTED: {
    kk: 'Жеке басы туралы деректер импортпен өзгерді; тізілімнің тексеруін күтуде',
    ru: 'Данные о личности изменены импортом; ожидают проверки по реестру',
  },
  ADDRESS_MISMATCH: {
    kk: 'Мекенжай тізілімде тіркелген мекенжайдан өзгеше; картадағы мекенжай өзгертілмеді',
    ru: 'Адрес отличается от адреса регистрации в реестре; адрес в карте не изменён',
  },
  ADDRESS_NOT_IN_REGISTRY: {
    kk: 'Тізілімде адамның мекенжайы жоқ, сондықтан мекенжай тексерілмеді',
    ru: 'В реестре нет адреса лица, поэтому адрес не проверялся',
  },
  ADDRESS_UNUSABLE: {
    kk: 'Тізілімдегі мекенжайды пайдалану мүмкін емес, сондықтан мекенжай тексерілмеді',
    ru: 'Адрес из реестра непригоден для использования, поэтому адрес не проверялся',
  },
};

export const notificationKindLabels: Labels<NotificationKind> = {
  REGISTRATION_REGISTERED: { kk: 'Өтініш қанағаттандырылды: тіркелді', ru: 'Заявление удовлетворено: зарегистрирован' },
  REGISTRATION_REFUSED: { kk: 'Тіркеуден бас тартылды', ru: 'Отказано в регистрации' },
  VISIT_PLANNED: { kk: 'Мансап орталығына келу жоспарланды', ru: 'Запланировано посещение центра карьеры' },
  REFERRAL_ISSUED: { kk: 'Жұмысқа жолдама берілді', ru: 'Выдано направление на работу' },
};

export const notificationStatusLabels: Labels<NotificationStatus> = {
  PENDING: { kk: 'Жіберілуін күтуде', ru: 'Ожидает отправки' },
  SENT: { kk: 'Жіберілді', ru: 'Отправлено' },
  FAILED: { kk: 'Жіберілмеді', ru: 'Не отправлено' },
  SKIPPED: { kk: 'Байланыс деректері жоқ, жіберілмейді', ru: 'Нет контактов, не отправляется' },
};

export const consentScopeLabels: Labels<ConsentScope> = {
  EMPLOYMENT_SERVICES: { kk: 'Жеке карта жүргізу және мансап орталығының жұмыспен қамту қызметтері', ru: 'Ведение карты и услуги занятости центра карьеры' },
  STATE_INFORMATION_SYSTEMS: { kk: 'Мемлекеттік органдардың ақпараттық жүйелерімен алмасу', ru: 'Обмен с информационными системами государственных органов' },
  EMPLOYERS: { kk: 'Жолдама берілген жұмыс берушілерге беру', ru: 'Передача работодателям, к которым направлено лицо' },
};

export const ageGroupLabels: Labels<AgeGroup> = {
  UNDER_25: { kk: '25 жасқа дейін', ru: 'До 25 лет' },
  AGE_25_34: { kk: '25–34 жас', ru: '25–34 года' },
  AGE_35_44: { kk: '35–44 жас', ru: '35–44 года' },
  AGE_45_54: { kk: '45–54 жас', ru: '45–54 года' },
  AGE_55_64: { kk: '55–64 жас', ru: '55–64 года' },
  AGE_65_AND_OVER: { kk: '65 жас және одан жоғары', ru: '65 лет и старше' },
};

/** Every code list by its name in the API. */
export const dictionaries: { readonly [N in DictionaryName]: Labels<string> } = {
  AGE_GROUP: ageGroupLabels,
  SEX: sexLabels,
  CONSENT_SCOPE: consentScopeLabels,
  EDUCATION_LEVEL: educationLevelLabels,
  ADDITIONAL_EDUCATION_KIND: additionalEducationKindLabels,
  REGISTRATION_KIND: registrationKindLabels,
  REGISTRATION_REFUSAL_REASON: registrationRefusalReasonLabels,
  DEREGISTRATION_REASON: deregistrationReasonLabels,
  REFUSING_PARTY: refusingPartyLabels,
  ACTIVE_MEASURE_KIND: activeMeasureKindLabels,
  TRAINING_TYPE: trainingTypeLabels,
  SUBSIDIZED_JOB_TYPE: subsidizedJobTypeLabels,
  HOUSING_TYPE: housingTypeLabels,
  SEARCH_TIME_SCALE: searchTimeScaleLabels,
  REGISTRATION_EPISODE_STATUS: registrationEpisodeStatusLabels,
  REGISTRATION_STATUS: registrationStatusLabels,
  SIGNATORY_ROLE: signatoryRoleLabels,
  VERIFICATION_STATUS: verificationStatusLabels,
  VERIFICATION_REASON: verificationReasonLabels,
};
