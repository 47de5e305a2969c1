/**
 * Hebrew (עברית) for the parts loaded on first use: the intro form, the conversation menu and the email
 * offer. Written for Porch from the English (intro-strings.ts, menu-strings.ts,
 * email-offer-strings.ts) as a machine-made draft (a language model); to be reviewed by a native
 * speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
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
} satisfies Catalogue<FirstUseStrings>;
