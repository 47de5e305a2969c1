/**
 * Turkish (tr) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "one:{site} sitesinden yeni bir yanıt|other:{site} sitesinden {count} yeni yanıt",
  replyLead: "one:{site} sitesinde bir yanıtınız var:|other:{site} sitesinde {count} yanıtınız var:",
  replyEarlier: "({count} önceki yanıt konuşmada duruyor.)",
  continueButton: "Konuşmaya devam et",
  continueLine: "Konuşmaya devam et: {url}",
  replyWhy: "Bu e-postayı, {site} sitesinde yanıtları e-postayla almak istediğiniz için alıyorsunuz.",
  unsubscribe: "Abonelikten çık",
  unsubscribeLine: "Abonelikten çık: {url}",
  answerLine: "Ya da bu e-postayı yanıtlayın: alıntılanan metnin üstüne yazdıklarınız konuşmaya eklenir.",
  confirmSubject: "{site} için e-posta adresinizi onaylayın",
  confirmLead: "Birisi {site} sitesinde şunu yazdıktan sonra yanıtların bu adrese e-postayla gönderilmesini istedi:",
  confirmIfYours: "Bu sizseniz adresinizi onaylayın; sohbette kaçırdığınız yanıtlar size e-postayla gönderilsin.",
  confirmLine: "Onayla: {url}",
  confirmButton: "Adresimi onayla",
  confirmIfNot: "Siz değilseniz bu e-postayı dikkate almayın: {site}, onaylanmamış bir adrese yanıt göndermez.",
  neverEmail: "Bu adrese bir daha e-posta gönderme",
  neverEmailLine: "{site} bu adrese bir daha e-posta göndermesin: {url}",
  notAllowed: "İzin verilmiyor",
  openFromEmail: "Bağlantıyı e-postadan açın.",
  linkInvalid: "Bu bağlantı geçerli değil",
  unsubscribeDamaged: "Abonelikten çıkma bağlantısı eksik ya da bozuk. E-postadan yeniden açın.",
  unsubscribed: "Abonelikten çıktınız",
  unsubscribedBody:
    "{site} size artık e-posta göndermeyecek. Yanıtları yeniden e-postayla almak için {site} sohbetinde adresinizi verin ve onaylayın.",
  stopQuestion: "Yanıt e-postaları durdurulsun mu?",
  stopBody: "{site}, sohbetinde kaçırdığınız yanıtları size e-postayla gönderir. Bu e-postaların hiçbirini almamak için abonelikten çıkın.",
  stopBodyTo:
    "{site}, sohbetinde kaçırdığınız yanıtları {address} adresine gönderir. Bu e-postaların hiçbirini almamak için abonelikten çıkın.",
  linkExpired: "Bu bağlantının süresi doldu",
  expiredBody: "Yenisini almak için {site} sohbetinde adresinizi yeniden verin.",
  confirmDamaged: "Onay bağlantısı eksik ya da bozuk. E-postadan yeniden açın.",
  nothingToConfirm: "Onaylanacak bir şey yok",
  nothingToConfirmBody: "Bunu isteyen {site} sohbetinde artık bu adres yok: onaylanacak bir şey kalmadı.",
  confirmed: "Adresiniz onaylandı",
  confirmedBody:
    "{site} sohbetinde kaçırdığınız yanıtlar size e-postayla gönderilecek. Her e-postada bunları durdurmak için bir bağlantı var.",
  confirmQuestion: "E-posta adresiniz onaylansın mı?",
  confirmQuestionBody: "{site}, sohbetinde kaçırdığınız yanıtları {address} adresine gönderecek. Yalnızca oraya siz yazdıysanız onaylayın.",
  confirmAction: "Onayla",
  ownerAnswerLink: "E-postayla yanıtla",
  ownerAnswerLine: "Sohbette yanıt vermek için bu e-postayı yanıtlayın: alıntılanan metnin üstüne yazdıklarınız ziyaretçiye gider.",
} satisfies Catalogue<typeof emailStrings>;
