/**
 * Swedish (svenska) for the parts loaded on first use: the intro form, the conversation menu and the email
 * offer. Written for Porch from the English (intro-strings.ts, menu-strings.ts,
 * email-offer-strings.ts) as a machine-made draft (a language model); to be reviewed by a native
 * speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
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
} satisfies Catalogue<FirstUseStrings>;
