/**
 * Swedish (svenska) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/sv.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "Presentera dig (valfritt)",
  introHint: "Lämna en e-postadress om du vill få svar när du inte är på den här sidan (vi ber dig bekräfta den).",
  nickname: "Namn",
  email: "E-post",
  save: "Spara",
  skip: "Hoppa över",
  menuTitle: "Din konversation",
  menuKept:
    "one:Konversationer sparas i {count} dag efter det senaste meddelandet.|other:Konversationer sparas i {count} dagar efter det senaste meddelandet.",
  menuKeptForever: "Konversationer sparas tills du eller webbplatsens ägare raderar dem.",
  menuDownload: "Ladda ner konversationen",
  menuDelete: "Radera konversationen",
  menuDeleteConfirm: "Radera konversationen för gott? Dina meddelanden, ditt namn och din e-post raderas, här och hos webbplatsens ägare.",
  menuDeleteYes: "Radera",
  menuCancel: "Avbryt",
  menuDownloadFailed: "Konversationen kunde inte laddas ner. Försök igen.",
  menuFileName: "konversation.txt",
  menuFileHeading: "Din konversation med {name} på {url}",
  menuYou: "Du",
  menuOwner: "Svar",
  emailOfferTitle: "Få svaret via e-post",
  emailOfferSave: "Mejla mig",
  emailOfferDismiss: "Nej tack",
  emailOfferCancel: "Avbryt",
  emailOfferConfirm: "Titta i din inkorg för att bekräfta {email}.",
  emailOfferOn: "Svar du missar mejlas till {email}.",
  emailOfferStopped: "Mejl till {email} är stoppade.",
  emailOfferAgain: "Mejla mig igen",
  emailOfferChange: "Ändra",
  emailOfferRemove: "Ta bort",
  consentTitle: "Innan du chattar",
  consentText:
    "För chatten sparar webbplatsen ett slumpmässigt id i din webbläsare och lagrar det du skriver (och ditt namn och din e-post, om du anger dem) för att kunna svara dig. Inget sparas eller skickas förrän du godkänner.",
  consentPrivacy: "Integritetsmeddelande",
  consentAccept: "Godkänn",
  consentDecline: "Inte nu",
  resumeAsk: "Öppna konversationen från ditt mejl? Den här finns kvar ett klick bort.",
  resumeOpen: "Öppna",
  resumeStay: "Stanna här",
  otherConversation: "Du har en annan konversation på den här enheten.",
  otherConversationOpen: "Byt",
  resumeExpired:
    "Länken i ditt mejl har gått ut (länkar gäller i 14 dagar, så länge din adress är densamma). Du kan fortfarande skriva här.",
  resumeInvalid: "Länken är ofullständig. Öppna den igen från mejlet.",
  resumeGone: "Den här konversationen finns inte längre. Du kan starta en ny här.",
} satisfies Catalogue<FirstUseStrings>;
