/**
 * Hebrew (he) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:תשובה חדשה מ-{site}|two:שתי תשובות חדשות מ-{site}|other:{count} תשובות חדשות מ-{site}",
  replyLead: "one:יש לך תשובה ב-{site}:|two:יש לך שתי תשובות ב-{site}:|other:יש לך {count} תשובות ב-{site}:",
  replyEarlier: "one:(תשובה קודמת אחת נמצאת בשיחה.)|two:(שתי תשובות קודמות נמצאות בשיחה.)|other:({count} תשובות קודמות נמצאות בשיחה.)",
  continueButton: "להמשך השיחה",
  continueLine: "להמשך השיחה: {url}",
  replyWhy: "קיבלת את ההודעה הזו כי ביקשת ב-{site} לקבל תשובות בדוא״ל.",
  unsubscribe: "ביטול הרשמה",
  unsubscribeLine: "ביטול הרשמה: {url}",
  answerLine: "אפשר גם להשיב להודעה הזו: מה שייכתב מעל הטקסט המצוטט יגיע לשיחה.",
  confirmSubject: "אישור כתובת הדוא״ל שלך עבור {site}",
  confirmLead: "מישהו ביקש ב-{site} לקבל תשובות בדוא״ל לכתובת הזו, אחרי שכתב:",
  confirmIfYours: "אם זה היית את/ה, יש לאשר את הכתובת, ותשובות שפספסת בצ׳אט יישלחו אליך בדוא״ל.",
  confirmLine: "אישור: {url}",
  confirmButton: "אישור הכתובת שלי",
  confirmIfNot: "אם זה לא היית את/ה, אפשר להתעלם מההודעה: {site} לא שולח תשובות לכתובת שלא אושרה.",
  neverEmail: "לא לשלוח לכתובת הזו לעולם",
  neverEmailLine: "לא לשלוח מ-{site} לכתובת הזו לעולם: {url}",
  notAllowed: "לא מותר",
  openFromEmail: "יש לפתוח את הקישור מתוך הודעת הדוא״ל.",
  linkInvalid: "הקישור הזה אינו תקין",
  unsubscribeDamaged: "קישור ביטול ההרשמה חסר או פגום. יש לפתוח אותו שוב מתוך הודעת הדוא״ל.",
  unsubscribed: "ההרשמה בוטלה",
  unsubscribedBody: "{site} לא ישלח לך עוד הודעות. כדי לקבל שוב תשובות בדוא״ל, יש למסור את הכתובת בצ׳אט של {site} ולאשר אותה.",
  stopQuestion: "להפסיק את הודעות התשובה?",
  stopBody: "{site} שולח לך בדוא״ל את התשובות שפספסת בצ׳אט שלו. ביטול ההרשמה יעצור את כל ההודעות האלה.",
  stopBodyTo: "{site} שולח אל {address} את התשובות שפספסת בצ׳אט שלו. ביטול ההרשמה יעצור את כל ההודעות האלה.",
  linkExpired: "תוקף הקישור פג",
  expiredBody: "כדי לקבל קישור חדש, יש למסור שוב את הכתובת בצ׳אט של {site}.",
  confirmDamaged: "קישור האישור חסר או פגום. יש לפתוח אותו שוב מתוך הודעת הדוא״ל.",
  nothingToConfirm: "אין מה לאשר",
  nothingToConfirmBody: "לצ׳אט ב-{site} שביקש זאת כבר אין את הכתובת הזו: אין מה לאשר.",
  confirmed: "הכתובת שלך אושרה",
  confirmedBody: "תשובות שתפספס/י בצ׳אט של {site} יישלחו אליך בדוא״ל. בכל הודעה יש קישור להפסקתן.",
  confirmQuestion: "לאשר את כתובת הדוא״ל שלך?",
  confirmQuestionBody: "{site} ישלח אל {address} את התשובות שפספסת בצ׳אט שלו. יש לאשר רק אם כתבת שם בעצמך.",
  confirmAction: "אישור",
  ownerAnswerLink: "להשיב בדוא״ל",
  ownerAnswerLine: "אפשר להשיב להודעה הזו כדי לענות בצ׳אט: מה שייכתב מעל הטקסט המצוטט יגיע למבקר.",
} satisfies Catalogue<typeof emailStrings>;
