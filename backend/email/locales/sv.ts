/**
 * Swedish (sv) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:Nytt svar från {site}|other:{count} nya svar från {site}",
  replyLead: "one:Du har ett svar på {site}:|other:Du har {count} svar på {site}:",
  replyEarlier: "one:({count} tidigare svar finns i konversationen.)|other:({count} tidigare svar finns i konversationen.)",
  continueButton: "Fortsätt konversationen",
  continueLine: "Fortsätt konversationen: {url}",
  replyWhy: "Du får det här mejlet eftersom du bad på {site} om att få svar via e-post.",
  unsubscribe: "Avsluta prenumerationen",
  unsubscribeLine: "Avsluta prenumerationen: {url}",
  answerLine: "Eller svara på det här mejlet: det du skriver ovanför den citerade texten hamnar i konversationen.",
  confirmSubject: "Bekräfta din e-postadress för {site}",
  confirmLead: "Någon bad på {site} om att få svar via e-post till den här adressen, efter att ha skrivit:",
  confirmIfYours: "Om det var du, bekräfta din adress, så mejlas svar som du missar i chatten till dig.",
  confirmLine: "Bekräfta: {url}",
  confirmButton: "Bekräfta min adress",
  confirmIfNot: "Om det inte var du kan du ignorera det här mejlet: {site} mejlar inga svar till en adress som inte är bekräftad.",
  neverEmail: "Mejla aldrig den här adressen",
  neverEmailLine: "Mejla aldrig den här adressen från {site}: {url}",
  notAllowed: "Inte tillåtet",
  openFromEmail: "Öppna länken från mejlet.",
  linkInvalid: "Länken är inte giltig",
  unsubscribeDamaged: "Avregistreringslänken är ofullständig eller skadad. Öppna den igen från mejlet.",
  unsubscribed: "Du är avregistrerad",
  unsubscribedBody:
    "{site} kommer inte att mejla dig mer. Vill du få svar via e-post igen, ange din adress i chatten på {site} och bekräfta den.",
  stopQuestion: "Sluta få svar via e-post?",
  stopBody: "{site} mejlar dig svaren som du missar i chatten. Avsluta prenumerationen för att inte få några fler sådana mejl.",
  stopBodyTo:
    "{site} mejlar svaren som du missar i chatten till {address}. Avsluta prenumerationen för att inte få några fler sådana mejl.",
  linkExpired: "Länken har gått ut",
  expiredBody: "Ange din adress igen i chatten på {site} för att få en ny.",
  confirmDamaged: "Bekräftelselänken är ofullständig eller skadad. Öppna den igen från mejlet.",
  nothingToConfirm: "Inget att bekräfta",
  nothingToConfirmBody: "Chatten på {site} som frågade har inte längre den här adressen: det finns inget att bekräfta.",
  confirmed: "Din adress är bekräftad",
  confirmedBody: "Svar som du missar i chatten på {site} mejlas till dig. Varje mejl har en länk för att stoppa dem.",
  confirmQuestion: "Bekräfta din e-postadress?",
  confirmQuestionBody: "{site} mejlar svaren som du missar i chatten till {address}. Bekräfta bara om det var du som skrev där.",
  confirmAction: "Bekräfta",
  ownerAnswerLink: "Svara via e-post",
  ownerAnswerLine: "Svara på det här mejlet för att svara i chatten: det du skriver ovanför den citerade texten går till besökaren.",
} satisfies Catalogue<typeof emailStrings>;
