import type { UserErrorCode } from '../../generated/graphql.ts';
import type { Label, Language } from '../dictionary/codes.ts';
import type { UserErrorData } from './user-errors.ts';

// The message of a user error for people who asked in Kazakh or Russian (`Accept-Language`): one
// text per code, beside the English message the service wrote (which may name dates and values,
// and stays the message for everyone else). The `code` and `field` are the same in every language.

/**
 * EVERY `UserErrorCode` NEEDS ITS KAZAKH AND RUSSIAN TEXT HERE. A code added to the SDL without
 * them fails the type check: "Property 'NEW_CODE' is missing in type … but required in type
 * 'KazakhAndRussianTextOfEveryUserErrorCode'".
 */
type KazakhAndRussianTextOfEveryUserErrorCode = { readonly [Code in UserErrorCode]: Label };

export const userErrorTexts: KazakhAndRussianTextOfEveryUserErrorCode = {
  NOT_FOUND: { kk: 'Карта немесе жазба табылмады.', ru: 'Карта или запись не найдена.' },
  STALE_CARD: {
    kk: 'Карта осы нұсқадан кейін өзгерді; оны қайта жүктеп, әрекетті қайталаңыз.',
    ru: 'Карта изменилась после этой версии; загрузите её заново и повторите действие.',
  },
  VOIDED: { kk: 'Жазба жойылған деп белгіленді және өзгертілмейді.', ru: 'Запись аннулирована и не может быть изменена.' },
  REQUIRED: { kk: 'Міндетті мән көрсетілмеген.', ru: 'Не указано обязательное значение.' },
  INVALID_VALUE: { kk: 'Мұнда бұл мәнге жол берілмейді.', ru: 'Это значение здесь недопустимо.' },
  UNKNOWN_CODE: { kk: 'Анықтамалықта мұндай код жоқ.', ru: 'Такого кода нет в справочнике.' },
  DATE_ORDER: { kk: 'Күндердің реті бұзылған.', ru: 'Нарушен порядок дат.' },
  BEFORE_BIRTH: { kk: 'Күн адамның туған күнінен бұрын.', ru: 'Дата раньше даты рождения лица.' },
  IN_FUTURE: {
    kk: 'Болып өткен оқиғаның күні болашақта болуы мүмкін емес.',
    ru: 'Дата уже произошедшего события не может быть в будущем.',
  },
  REGISTRATION_ALREADY_OPEN: {
    kk: 'Осы түрдегі тіркеу ашық (өтініш берілді немесе тіркелді).',
    ru: 'Регистрация этого вида уже открыта (подано заявление или зарегистрирован).',
  },
  INVALID_TRANSITION: {
    kk: 'Тіркеудің қазіргі күйінен бұл қадамға жол берілмейді.',
    ru: 'Этот шаг недопустим из текущего состояния регистрации.',
  },
  OUTCOME_ALREADY_RECORDED: {
    kk: 'Нәтиже бұрын жазылған; оның орнына жазбаны түзетіңіз.',
    ru: 'Результат уже записан; вместо этого исправьте запись.',
  },
  WAGE_ORDER: {
    kk: 'Ең төменгі еңбекақы күтетін еңбекақыдан жоғары.',
    ru: 'Минимальная заработная плата выше желаемой.',
  },
  NOT_POSITIVE: { kk: 'Мән нөлден үлкен болуы керек.', ru: 'Значение должно быть больше нуля.' },
  TOO_LONG: { kk: 'Мәтін тым ұзын.', ru: 'Текст слишком длинный.' },
  OUT_OF_RANGE: { kk: 'Сан рұқсат етілген шектен тыс.', ru: 'Число вне допустимого диапазона.' },
  TOO_FAR_AHEAD: { kk: 'Жоспарланған күн тым алыс.', ru: 'Запланированная дата слишком далеко впереди.' },
  STORAGE_FAILED: {
    kk: 'Дерекқор жазбаны қабылдамады; одан ештеңе сақталмады.',
    ru: 'База данных не приняла запись; из неё ничего не сохранено.',
  },
  FORBIDDEN: {
    kk: 'Сіздің рөліңіз немесе мансап орталығыңыз бұл өзгерісті енгізе алмайды.',
    ru: 'Ваша роль или центр карьеры не может вносить это изменение.',
  },
  SIGNING_NOT_CONFIGURED: {
    kk: 'Бұл серверде қол қою бапталмаған (сенім білдірілген куәландырушы орталық сертификаттары жоқ).',
    ru: 'Подписание на этом сервере не настроено (нет сертификатов доверенных удостоверяющих центров).',
  },
  NOT_EXECUTOR: {
    kk: 'Орындаушы ретінде картаны жүргізетін орындаушы ғана қол қояды (алдымен картаны өзіңізге алыңыз).',
    ru: 'В роли исполнителя подписывает только исполнитель, ведущий карту (сначала примите карту на себя).',
  },
  SAME_SIGNER: {
    kk: 'Басшының қолы мен орындаушының қолы әртүрлі адамдардікі болуы керек.',
    ru: 'Подписи руководителя и исполнителя должны принадлежать разным лицам.',
  },
  SIGNER_IIN_UNKNOWN: {
    kk: 'Сіздің кіру деректеріңізде ЖСН жоқ, сондықтан сертификатты сізбен салыстыру мүмкін емес.',
    ru: 'В ваших данных входа нет ИИН, поэтому сертификат нельзя сопоставить с вами.',
  },
  SIGNATURE_MALFORMED: {
    kk: 'Қолтаңба бір қол қоюшысы бар бөлек CMS SignedData құрылымы емес.',
    ru: 'Подпись не является отсоединённой структурой CMS SignedData с одним подписантом.',
  },
  SIGNATURE_DIGEST_MISMATCH: {
    kk: 'Қолтаңба карта нұсқасының осы құжатына қойылмаған (дайджест сәйкес емес).',
    ru: 'Подпись поставлена не под документ этой версии карты (дайджест не совпадает).',
  },
  SIGNATURE_INVALID: { kk: 'Қолтаңба жарамсыз.', ru: 'Подпись недействительна.' },
  CERTIFICATE_NOT_VALID: {
    kk: 'Қол қоюшының сертификаты қол қою сәтінде жарамсыз (мерзімі өткен немесе әлі басталмаған).',
    ru: 'Сертификат подписанта недействителен на момент подписания (истёк или ещё не начал действовать).',
  },
  CERTIFICATE_UNTRUSTED: {
    kk: 'Қол қоюшының сертификаты сенім білдірілген куәландырушы орталықтан берілмеген.',
    ru: 'Сертификат подписанта выдан не доверенным удостоверяющим центром.',
  },
  SIGNER_MISMATCH: {
    kk: 'Сертификат басқа адамның ЖСН-іне берілген.',
    ru: 'Сертификат выдан на ИИН другого лица.',
  },
  SIGNATURE_ALGORITHM_UNSUPPORTED: {
    kk: 'Қолтаңбаның алгоритмі мұнда тексерілмейді және сыртқы тексеруші бапталмаған.',
    ru: 'Алгоритм подписи здесь не проверяется, и внешний проверяющий сервис не настроен.',
  },
  SIGNATURE_VERIFIER_UNAVAILABLE: {
    kk: 'Қолтаңбаны тексеретін сыртқы қызмет жауап бермеді; кейінірек қайталаңыз.',
    ru: 'Внешний сервис проверки подписи не ответил; повторите позже.',
  },
};

/** A user error's message for people: in Kazakh or Russian when asked for, else the service's English. */
export const userErrorMessage = (error: Pick<UserErrorData, 'code' | 'message'>, language: Language | null): string =>
  (language ? userErrorTexts[error.code][language === 'RU' ? 'ru' : 'kk'] : error.message);
