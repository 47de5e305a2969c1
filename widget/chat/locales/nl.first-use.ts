/**
 * Dutch (Nederlands) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/nl.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "Stel uzelf voor (optioneel)",
  introHint:
    "Laat een e-mailadres achter als u een antwoord wilt krijgen wanneer u niet op deze pagina bent (we vragen u het te bevestigen).",
  nickname: "Naam",
  email: "E-mail",
  save: "Opslaan",
  skip: "Overslaan",
  menuTitle: "Uw gesprek",
  menuKept:
    "one:Gesprekken worden {count} dag na het laatste bericht bewaard.|other:Gesprekken worden {count} dagen na het laatste bericht bewaard.",
  menuKeptForever: "Gesprekken worden bewaard tot u of de eigenaar van de site ze verwijdert.",
  menuDownload: "Dit gesprek downloaden",
  menuDelete: "Dit gesprek verwijderen",
  menuDeleteConfirm: "Dit gesprek definitief verwijderen? Uw berichten, naam en e-mail worden gewist, hier en bij de eigenaar van de site.",
  menuDeleteYes: "Verwijderen",
  menuCancel: "Annuleren",
  menuDownloadFailed: "Het gesprek kon niet worden gedownload. Probeer het opnieuw.",
  menuFileName: "gesprek.txt",
  menuFileHeading: "Uw gesprek met {name} op {url}",
  menuYou: "U",
  menuOwner: "Antwoord",
  emailOfferTitle: "Antwoord per e-mail ontvangen",
  emailOfferSave: "Mail mij",
  emailOfferDismiss: "Nee, bedankt",
  emailOfferCancel: "Annuleren",
  emailOfferConfirm: "Kijk in uw inbox om {email} te bevestigen.",
  emailOfferOn: "Antwoorden die u mist, gaan naar {email}.",
  emailOfferStopped: "E-mails naar {email} zijn gestopt.",
  emailOfferAgain: "Weer mailen",
  emailOfferChange: "Wijzigen",
  emailOfferRemove: "Verwijderen",
  consentTitle: "Voordat je chat",
  consentText:
    "Om te chatten bewaart deze site een willekeurige id in je browser en slaat op wat je schrijft (en je naam en e-mail, als je die geeft) om je te antwoorden. Er wordt niets bewaard of verstuurd voordat je akkoord gaat.",
  consentPrivacy: "Privacyverklaring",
  consentAccept: "Akkoord",
  consentDecline: "Niet nu",
  resumeAsk: "Het gesprek uit uw e-mail openen? Dit gesprek blijft een klik verwijderd.",
  resumeOpen: "Openen",
  resumeStay: "Hier blijven",
  otherConversation: "U hebt nog een gesprek op dit apparaat.",
  otherConversationOpen: "Wisselen",
  resumeExpired:
    "Deze link uit uw e-mail is verlopen (links werken 14 dagen, zolang uw adres hetzelfde blijft). U kunt hier nog steeds schrijven.",
  resumeInvalid: "Deze link is onvolledig. Open hem opnieuw vanuit de e-mail.",
  resumeGone: "Dit gesprek bestaat niet meer. U kunt hier een nieuw gesprek beginnen.",
} satisfies Catalogue<FirstUseStrings>;
