/**
 * Arabic (العربية), right to left, for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/ar.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "تحدّث معي",
  greeting: "مرحبًا! أسئلة أو أفكار أو تصحيحات؟ اكتب هنا وسأرد عليك بنفسي.",
  awayText: "لست متاحًا الآن. اترك رسالة وسأرد هنا في أقرب وقت ممكن.",
  online: "متصل",
  away: "غير متاح",
  lastSeen: "آخر ظهور {time}",
  backAt: "سأعود يوم {day} الساعة {time}",
  connecting: "جارٍ الاتصال…",
  reconnecting: "انقطع الاتصال. جارٍ إعادة الاتصال…",
  openChat: "فتح الدردشة",
  closeChat: "إغلاق الدردشة",
  unread: "one:رسالة واحدة غير مقروءة|two:رسالتان غير مقروءتين|few:{count} رسائل غير مقروءة|other:{count} رسالة غير مقروءة",
  conversation: "المحادثة",
  earlier: "عرض الرسائل السابقة",
  typing: "{name} يكتب…",
  typingAnonymous: "يكتب…",
  titleBadge: "({count}) رد جديد",
  you: "أنت",
  owner: "رد",
  inputLabel: "الرسالة",
  placeholder: "اكتب رسالة…",
  attach: "إرفاق",
  editDetails: "اسمك وبريدك الإلكتروني",
  conversationMenu: "محادثتك: تنزيل أو حذف",
  erased: "حُذفت محادثتك.",
  error_bad_request: "تعذّر الإرسال. يُرجى التحقق والمحاولة مرة أخرى.",
  error_unauthorized: "غير مسموح لك بذلك.",
  error_not_found: "تعذّر العثور على هذه المحادثة.",
  error_too_large: "هذا أطول من الحد المسموح.",
  error_rate_limited: "تكتب أسرع من الحد المسموح: ستُرسل هذه الرسائل من جديد تلقائيًا خلال دقيقة.",
  error_blocked: "صاحب الموقع لا يستقبل رسائل منك.",
  error_expired: "انتهت صلاحية هذا الرابط.",
  error_internal: "حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى.",
  error_offline: "أنت غير متصل الآن. يُرجى المحاولة بعد قليل.",
} satisfies Catalogue<PorchStrings>;
