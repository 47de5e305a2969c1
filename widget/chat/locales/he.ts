/**
 * Hebrew (עברית), right to left, for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/he.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "דברו איתי",
  greeting: "היי! שאלות, מחשבות, תיקונים? כתבו כאן ואענה באופן אישי.",
  awayText: "אני לא זמין כרגע. השאירו הודעה ואענה כאן בהקדם האפשרי.",
  online: "מחובר",
  away: "לא זמין",
  lastSeen: "נראה לאחרונה {time}",
  backAt: "אחזור ב{day} בשעה {time}",
  connecting: "מתחבר…",
  reconnecting: "החיבור נותק. מתחבר מחדש…",
  openChat: "פתיחת הצ'אט",
  closeChat: "סגירת הצ'אט",
  unread: "one:הודעה אחת שלא נקראה|other:{count} הודעות שלא נקראו",
  conversation: "שיחה",
  earlier: "הצגת הודעות קודמות",
  typing: "{name} מקליד/ה…",
  typingAnonymous: "מקליד/ה…",
  titleBadge: "({count}) תשובה חדשה",
  you: "את/ה",
  owner: "תשובה",
  inputLabel: "הודעה",
  placeholder: "כתבו הודעה…",
  attach: "צירוף",
  editDetails: "השם והאימייל שלך",
  conversationMenu: "השיחה שלך: הורדה או מחיקה",
  erased: "השיחה שלך נמחקה.",
  error_bad_request: "לא הצלחנו לשלוח. נא לבדוק ולנסות שוב.",
  error_unauthorized: "אין לך הרשאה לעשות זאת.",
  error_not_found: "השיחה לא נמצאה.",
  error_too_large: "זה ארוך מהמגבלה.",
  error_rate_limited: "הכתיבה מהירה מהמותר: ההודעות האלה יישלחו שוב מעצמן בעוד דקה.",
  error_blocked: "בעל האתר לא מקבל ממך הודעות.",
  error_expired: "תוקף הקישור פג.",
  error_internal: "משהו השתבש אצלנו. נא לנסות שוב.",
  error_offline: "אין חיבור לאינטרנט כרגע. נא לנסות שוב בעוד רגע.",
} satisfies Catalogue<PorchStrings>;
