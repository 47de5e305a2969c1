/**
 * German (Deutsch) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/de.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "Stellen Sie sich vor (freiwillig)",
  introHint:
    "Hinterlassen Sie eine E-Mail-Adresse, wenn Sie auch eine Antwort erhalten möchten, während Sie nicht auf dieser Seite sind (wir bitten Sie, sie zu bestätigen).",
  nickname: "Name",
  email: "E-Mail",
  save: "Speichern",
  skip: "Überspringen",
  menuTitle: "Ihre Unterhaltung",
  menuKept:
    "one:Unterhaltungen werden nach der letzten Nachricht {count} Tag aufbewahrt.|other:Unterhaltungen werden nach der letzten Nachricht {count} Tage aufbewahrt.",
  menuKeptForever: "Unterhaltungen bleiben, bis Sie oder der Betreiber der Seite sie löschen.",
  menuDownload: "Diese Unterhaltung herunterladen",
  menuDelete: "Diese Unterhaltung löschen",
  menuDeleteConfirm:
    "Diese Unterhaltung endgültig löschen? Ihre Nachrichten, Ihr Name und Ihre E-Mail werden gelöscht, hier und beim Betreiber der Seite.",
  menuDeleteYes: "Löschen",
  menuCancel: "Abbrechen",
  menuDownloadFailed: "Die Unterhaltung konnte nicht heruntergeladen werden. Bitte versuchen Sie es erneut.",
  menuFileName: "unterhaltung.txt",
  menuFileHeading: "Ihre Unterhaltung mit {name} auf {url}",
  menuYou: "Sie",
  menuOwner: "Antwort",
  emailOfferTitle: "Antwort per E-Mail erhalten",
  emailOfferSave: "Per E-Mail",
  emailOfferDismiss: "Nein, danke",
  emailOfferCancel: "Abbrechen",
  emailOfferConfirm: "Bitte bestätigen Sie {email} über die E-Mail in Ihrem Postfach.",
  emailOfferOn: "Antworten, die Sie verpassen, gehen an {email}.",
  emailOfferStopped: "E-Mails an {email} sind abbestellt.",
  emailOfferAgain: "Wieder per E-Mail",
  emailOfferChange: "Ändern",
  emailOfferRemove: "Entfernen",
  consentTitle: "Bevor Sie schreiben",
  consentText:
    "Für den Chat speichert diese Seite eine zufällige Kennung in Ihrem Browser und bewahrt auf, was Sie schreiben (und Ihren Namen und Ihre E-Mail, wenn Sie sie angeben), um Ihnen zu antworten. Nichts wird gespeichert oder gesendet, bevor Sie zustimmen.",
  consentPrivacy: "Datenschutzerklärung",
  consentAccept: "Zustimmen",
  consentDecline: "Nicht jetzt",
  resumeAsk: "Die Unterhaltung aus Ihrer E-Mail öffnen? Die hiesige bleibt einen Klick entfernt.",
  resumeOpen: "Öffnen",
  resumeStay: "Hierbleiben",
  otherConversation: "Sie haben auf diesem Gerät eine weitere Unterhaltung.",
  otherConversationOpen: "Wechseln",
  resumeExpired:
    "Dieser Link aus Ihrer E-Mail ist abgelaufen (Links gelten 14 Tage, solange Ihre Adresse gleich bleibt). Sie können trotzdem hier schreiben.",
  resumeInvalid: "Dieser Link ist unvollständig. Bitte öffnen Sie ihn erneut aus der E-Mail.",
  resumeGone: "Diese Unterhaltung gibt es nicht mehr. Sie können hier eine neue beginnen.",
} satisfies Catalogue<FirstUseStrings>;
