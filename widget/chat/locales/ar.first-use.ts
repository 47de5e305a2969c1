/**
 * Arabic (العربية) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/ar.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "عرّف بنفسك (اختياري)",
  introHint: "اترك بريدك الإلكتروني إن أردت تلقي الرد وأنت خارج هذه الصفحة (سنطلب منك تأكيده).",
  nickname: "الاسم",
  email: "البريد الإلكتروني",
  save: "حفظ",
  skip: "تخطٍّ",
  menuTitle: "محادثتك",
  menuKept:
    "one:تُحفظ المحادثات يومًا واحدًا بعد آخر رسالة.|two:تُحفظ المحادثات يومين بعد آخر رسالة.|few:تُحفظ المحادثات {count} أيام بعد آخر رسالة.|many:تُحفظ المحادثات {count} يومًا بعد آخر رسالة.|other:تُحفظ المحادثات {count} يوم بعد آخر رسالة.",
  menuKeptForever: "تُحفظ المحادثات حتى تحذفها أنت أو صاحب الموقع.",
  menuDownload: "تنزيل هذه المحادثة",
  menuDelete: "حذف هذه المحادثة",
  menuDeleteConfirm: "هل تحذف هذه المحادثة نهائيًا؟ ستُمحى رسائلك واسمك وبريدك الإلكتروني، هنا ولدى صاحب الموقع.",
  menuDeleteYes: "حذف",
  menuCancel: "إلغاء",
  menuDownloadFailed: "تعذّر تنزيل المحادثة. يُرجى المحاولة مرة أخرى.",
  menuFileName: "محادثة.txt",
  menuFileHeading: "محادثتك مع {name} على {url}",
  menuYou: "أنت",
  menuOwner: "رد",
  emailOfferTitle: "تلقَّ الرد بالبريد الإلكتروني",
  emailOfferSave: "راسلني",
  emailOfferDismiss: "لا، شكرًا",
  emailOfferCancel: "إلغاء",
  emailOfferConfirm: "تحقق من بريدك الوارد لتأكيد {email}.",
  emailOfferOn: "تُرسل الردود التي تفوتك إلى {email}.",
  emailOfferStopped: "أُوقفت الرسائل إلى {email}.",
  emailOfferAgain: "راسلني مجددًا",
  emailOfferChange: "تغيير",
  emailOfferRemove: "إزالة",
  consentTitle: "قبل أن تبدأ المحادثة",
  consentText:
    "للمحادثة، يحفظ هذا الموقع معرّفًا عشوائيًا في متصفحك ويخزّن ما تكتبه (واسمك وبريدك الإلكتروني إن أعطيتهما) للرد عليك. لا يُخزَّن أو يُرسَل شيء قبل موافقتك.",
  consentPrivacy: "إشعار الخصوصية",
  consentAccept: "موافق",
  consentDecline: "ليس الآن",
  resumeAsk: "هل تفتح المحادثة من بريدك الإلكتروني؟ تبقى المحادثة هنا على بُعد نقرة.",
  resumeOpen: "افتحها",
  resumeStay: "ابقَ هنا",
  otherConversation: "لديك محادثة أخرى على هذا الجهاز.",
  otherConversationOpen: "تبديل",
  resumeExpired: "انتهت صلاحية هذا الرابط من بريدك الإلكتروني (تعمل الروابط 14 يومًا ما دام عنوانك لم يتغير). لا يزال بإمكانك الكتابة هنا.",
  resumeInvalid: "هذا الرابط غير مكتمل. يُرجى فتحه مرة أخرى من البريد الإلكتروني.",
  resumeGone: "هذه المحادثة لم تعد موجودة. يمكنك بدء محادثة جديدة هنا.",
} satisfies Catalogue<FirstUseStrings>;
