/**
 * Hebrew (עברית) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/he.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "ספרו מי אתם (לא חובה)",
  introHint: "השאירו אימייל אם תרצו לקבל תשובה גם כשאינכם בדף הזה (נבקש לאשר אותו).",
  nickname: "שם",
  email: "אימייל",
  save: "שמירה",
  skip: "דילוג",
  menuTitle: "השיחה שלך",
  menuKept:
    "one:שיחות נשמרות יום אחד אחרי ההודעה האחרונה.|two:שיחות נשמרות יומיים אחרי ההודעה האחרונה.|other:שיחות נשמרות {count} ימים אחרי ההודעה האחרונה.",
  menuKeptForever: "שיחות נשמרות עד שאת/ה או בעל האתר מוחקים אותן.",
  menuDownload: "הורדת השיחה",
  menuDelete: "מחיקת השיחה",
  menuDeleteConfirm: "למחוק את השיחה לצמיתות? ההודעות, השם והאימייל שלך יימחקו, כאן ואצל בעל האתר.",
  menuDeleteYes: "מחיקה",
  menuCancel: "ביטול",
  menuDownloadFailed: "לא הצלחנו להוריד את השיחה. נא לנסות שוב.",
  menuFileName: "שיחה.txt",
  menuFileHeading: "השיחה שלך עם {name} באתר {url}",
  menuYou: "את/ה",
  menuOwner: "תשובה",
  emailOfferTitle: "קבלת התשובה באימייל",
  emailOfferSave: "שלחו לי אימייל",
  emailOfferDismiss: "לא תודה",
  emailOfferCancel: "ביטול",
  emailOfferConfirm: "נא לבדוק את תיבת הדואר כדי לאשר את {email}.",
  emailOfferOn: "תשובות שפספסת יישלחו אל {email}.",
  emailOfferStopped: "האימיילים אל {email} הופסקו.",
  emailOfferAgain: "לחדש אימיילים",
  emailOfferChange: "שינוי",
  emailOfferRemove: "הסרה",
  consentTitle: "לפני שמתחילים",
  consentText:
    "כדי לשוחח, האתר שומר מזהה אקראי בדפדפן שלכם ומאחסן את מה שאתם כותבים (ואת השם והאימייל, אם תמסרו אותם) כדי לענות לכם. דבר אינו נשמר או נשלח עד שתסכימו.",
  consentPrivacy: "הודעת פרטיות",
  consentAccept: "אישור",
  consentDecline: "לא עכשיו",
  resumeAsk: "לפתוח את השיחה מהאימייל? השיחה שכאן תישאר במרחק לחיצה.",
  resumeOpen: "לפתוח",
  resumeStay: "להישאר כאן",
  otherConversation: "יש לך שיחה נוספת במכשיר הזה.",
  otherConversationOpen: "מעבר",
  resumeExpired: "תוקף הקישור מהאימייל פג (קישורים תקפים 14 יום, כל עוד הכתובת שלך לא משתנה). אפשר עדיין לכתוב כאן.",
  resumeInvalid: "הקישור הזה חלקי. נא לפתוח אותו שוב מהאימייל.",
  resumeGone: "השיחה הזו כבר לא קיימת. אפשר להתחיל כאן שיחה חדשה.",
} satisfies Catalogue<FirstUseStrings>;
