/**
 * Arabic (ar) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject:
    "zero:لا ردود جديدة من {site}|one:رد جديد من {site}|two:ردّان جديدان من {site}|few:{count} ردود جديدة من {site}|many:{count} ردًا جديدًا من {site}|other:{count} رد جديد من {site}",
  replyLead:
    "zero:ليس لديك ردود على {site}:|one:لديك رد على {site}:|two:لديك ردّان على {site}:|few:لديك {count} ردود على {site}:|many:لديك {count} ردًا على {site}:|other:لديك {count} رد على {site}:",
  replyEarlier:
    "one:(رد واحد سابق موجود في المحادثة.)|two:(ردّان سابقان موجودان في المحادثة.)|few:({count} ردود سابقة موجودة في المحادثة.)|many:({count} ردًا سابقًا موجودًا في المحادثة.)|other:({count} رد سابق موجود في المحادثة.)",
  continueButton: "متابعة المحادثة",
  continueLine: "متابعة المحادثة: {url}",
  replyWhy: "تصلك هذه الرسالة لأنك طلبت على {site} أن تصلك الردود بالبريد الإلكتروني.",
  unsubscribe: "إلغاء الاشتراك",
  unsubscribeLine: "إلغاء الاشتراك: {url}",
  answerLine: "أو رُدّ على هذه الرسالة: ما تكتبه فوق النص المقتبس يصل إلى المحادثة.",
  confirmSubject: "أكّد عنوان بريدك الإلكتروني لدى {site}",
  confirmLead: "طلب شخص ما على {site} أن تصله الردود بالبريد الإلكتروني على هذا العنوان، بعد أن كتب:",
  confirmIfYours: "إن كان هذا أنت، فأكّد عنوانك، وستصلك بالبريد الإلكتروني الردود التي تفوتك في الدردشة.",
  confirmLine: "تأكيد: {url}",
  confirmButton: "تأكيد عنواني",
  confirmIfNot: "إن لم يكن هذا أنت، فتجاهل هذه الرسالة: لا يرسل {site} أي ردود إلى عنوان غير مؤكَّد.",
  neverEmail: "لا تراسل هذا العنوان أبدًا",
  neverEmailLine: "لا تراسل هذا العنوان من {site} أبدًا: {url}",
  notAllowed: "غير مسموح",
  openFromEmail: "افتح الرابط من رسالة البريد الإلكتروني.",
  linkInvalid: "هذا الرابط غير صالح",
  unsubscribeDamaged: "رابط إلغاء الاشتراك ناقص أو تالف. افتحه مجددًا من رسالة البريد الإلكتروني.",
  unsubscribed: "تم إلغاء اشتراكك",
  unsubscribedBody: "لن يراسلك {site} بعد الآن. لتصلك الردود بالبريد الإلكتروني مجددًا، اكتب عنوانك في الدردشة على {site} ثم أكّده.",
  stopQuestion: "إيقاف رسائل الردود؟",
  stopBody: "يرسل إليك {site} بالبريد الإلكتروني الردود التي تفوتك في الدردشة. ألغِ الاشتراك لإيقاف كل هذه الرسائل.",
  stopBodyTo: "يرسل {site} إلى {address} الردود التي تفوتك في الدردشة. ألغِ الاشتراك لإيقاف كل هذه الرسائل.",
  linkExpired: "انتهت صلاحية هذا الرابط",
  expiredBody: "اكتب عنوانك مجددًا في الدردشة على {site} لتحصل على رابط جديد.",
  confirmDamaged: "رابط التأكيد ناقص أو تالف. افتحه مجددًا من رسالة البريد الإلكتروني.",
  nothingToConfirm: "لا شيء لتأكيده",
  nothingToConfirmBody: "لم تعد الدردشة على {site} التي طلبت التأكيد تحمل هذا العنوان: لا شيء لتأكيده.",
  confirmed: "تم تأكيد عنوانك",
  confirmedBody: "ستصلك بالبريد الإلكتروني الردود التي تفوتك في الدردشة على {site}. في كل رسالة رابط لإيقافها.",
  confirmQuestion: "تأكيد عنوان بريدك الإلكتروني؟",
  confirmQuestionBody: "سيرسل {site} إلى {address} الردود التي تفوتك في الدردشة. لا تؤكّد إلا إذا كنت أنت من كتب هناك.",
  confirmAction: "تأكيد",
  ownerAnswerLink: "الرد بالبريد الإلكتروني",
  ownerAnswerLine: "رُدّ على هذه الرسالة لترد في الدردشة: ما تكتبه فوق النص المقتبس يصل إلى الزائر.",
} satisfies Catalogue<typeof emailStrings>;
