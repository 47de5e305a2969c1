/**
 * German (de) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:Neue Antwort von {site}|other:{count} neue Antworten von {site}",
  replyLead: "one:Sie haben eine Antwort auf {site}:|other:Sie haben {count} Antworten auf {site}:",
  replyEarlier: "one:({count} frühere Antwort finden Sie im Gespräch.)|other:({count} frühere Antworten finden Sie im Gespräch.)",
  continueButton: "Gespräch fortsetzen",
  continueLine: "Gespräch fortsetzen: {url}",
  replyWhy: "Sie erhalten diese E-Mail, weil Sie auf {site} darum gebeten haben, Antworten per E-Mail zu bekommen.",
  unsubscribe: "Abmelden",
  unsubscribeLine: "Abmelden: {url}",
  answerLine: "Oder antworten Sie auf diese E-Mail: Was Sie über dem zitierten Text schreiben, kommt ins Gespräch.",
  confirmSubject: "Bestätigen Sie Ihre E-Mail-Adresse für {site}",
  confirmLead: "Jemand hat auf {site} darum gebeten, Antworten per E-Mail an diese Adresse zu bekommen, und dabei geschrieben:",
  confirmIfYours: "Wenn Sie das waren, bestätigen Sie Ihre Adresse, dann bekommen Sie Antworten, die Sie im Chat verpassen, per E-Mail.",
  confirmLine: "Bestätigen: {url}",
  confirmButton: "Meine Adresse bestätigen",
  confirmIfNot: "Wenn Sie es nicht waren, ignorieren Sie diese E-Mail: {site} sendet keine Antworten an eine unbestätigte Adresse.",
  neverEmail: "Diese Adresse nie mehr anschreiben",
  neverEmailLine: "Diese Adresse nie mehr von {site} anschreiben: {url}",
  notAllowed: "Nicht erlaubt",
  openFromEmail: "Öffnen Sie den Link aus der E-Mail.",
  linkInvalid: "Dieser Link ist ungültig",
  unsubscribeDamaged: "Der Abmeldelink ist unvollständig oder beschädigt. Öffnen Sie ihn erneut aus der E-Mail.",
  unsubscribed: "Sie sind abgemeldet",
  unsubscribedBody:
    "{site} schreibt Ihnen keine E-Mails mehr. Um wieder Antworten per E-Mail zu bekommen, geben Sie Ihre Adresse im Chat auf {site} an und bestätigen Sie sie.",
  stopQuestion: "Antwort-E-Mails abbestellen?",
  stopBody:
    "{site} schickt Ihnen die Antworten per E-Mail, die Sie im Chat verpassen. Melden Sie sich ab, um keine dieser E-Mails mehr zu bekommen.",
  stopBodyTo:
    "{site} schickt Ihnen die Antworten, die Sie im Chat verpassen, an {address}. Melden Sie sich ab, um keine dieser E-Mails mehr zu bekommen.",
  linkExpired: "Dieser Link ist abgelaufen",
  expiredBody: "Geben Sie Ihre Adresse im Chat auf {site} noch einmal an, um einen neuen zu bekommen.",
  confirmDamaged: "Der Bestätigungslink ist unvollständig oder beschädigt. Öffnen Sie ihn erneut aus der E-Mail.",
  nothingToConfirm: "Nichts zu bestätigen",
  nothingToConfirmBody: "Der Chat auf {site}, der gefragt hat, hat diese Adresse nicht mehr: Es gibt nichts zu bestätigen.",
  confirmed: "Ihre Adresse ist bestätigt",
  confirmedBody:
    "Antworten, die Sie im Chat auf {site} verpassen, bekommen Sie per E-Mail. Jede E-Mail enthält einen Link, um sie abzubestellen.",
  confirmQuestion: "E-Mail-Adresse bestätigen?",
  confirmQuestionBody:
    "{site} schickt die Antworten, die Sie im Chat verpassen, an {address}. Bestätigen Sie nur, wenn Sie dort geschrieben haben.",
  confirmAction: "Bestätigen",
  ownerAnswerLink: "Per E-Mail antworten",
  ownerAnswerLine:
    "Antworten Sie auf diese E-Mail, um im Chat zu antworten: Was Sie über dem zitierten Text schreiben, geht an den Besucher.",
} satisfies Catalogue<typeof emailStrings>;
