/**
 * German (Deutsch) for the parts loaded on first use: the intro form, the conversation menu and
 * the email offer. Written for Porch from the English (intro-strings.ts, menu-strings.ts,
 * email-offer-strings.ts) as a machine-made
 * draft (a language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
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
} satisfies Catalogue<FirstUseStrings>;
