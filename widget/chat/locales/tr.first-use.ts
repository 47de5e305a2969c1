/**
 * Turkish (Türkçe) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/tr.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "Kendinizi tanıtın (isteğe bağlı)",
  introHint: "Bu sayfada değilken yanıt almak isterseniz e-posta adresinizi bırakın (onaylamanızı isteyeceğiz).",
  nickname: "Ad",
  email: "E-posta",
  save: "Kaydet",
  skip: "Atla",
  menuTitle: "Sohbetiniz",
  menuKept: "Sohbetler son mesajdan sonra {count} gün saklanır.",
  menuKeptForever: "Sohbetler, siz veya site sahibi silene kadar saklanır.",
  menuDownload: "Bu sohbeti indir",
  menuDelete: "Bu sohbeti sil",
  menuDeleteConfirm: "Bu sohbet kalıcı olarak silinsin mi? Mesajlarınız, adınız ve e-postanız hem burada hem de site sahibinde silinir.",
  menuDeleteYes: "Sil",
  menuCancel: "İptal",
  menuDownloadFailed: "Sohbet indirilemedi. Lütfen yeniden deneyin.",
  menuFileName: "sohbet.txt",
  menuFileHeading: "{name} ile {url} üzerindeki sohbetiniz",
  menuYou: "Siz",
  menuOwner: "Yanıt",
  emailOfferTitle: "Yanıtı e-postayla alın",
  emailOfferSave: "E-posta gönder",
  emailOfferDismiss: "Hayır, teşekkürler",
  emailOfferCancel: "İptal",
  emailOfferConfirm: "{email} adresini onaylamak için gelen kutunuza bakın.",
  emailOfferOn: "Kaçırdığınız yanıtlar {email} adresine gönderilir.",
  emailOfferStopped: "{email} adresine e-postalar durduruldu.",
  emailOfferAgain: "Yeniden e-posta gönder",
  emailOfferChange: "Değiştir",
  emailOfferRemove: "Kaldır",
  consentTitle: "Sohbetten önce",
  consentText:
    "Sohbet için bu site tarayıcınızda rastgele bir kimlik tutar ve size yanıt verebilmek için yazdıklarınızı (verirseniz adınızı ve e-postanızı da) saklar. Siz kabul edene kadar hiçbir şey saklanmaz veya gönderilmez.",
  consentPrivacy: "Gizlilik bildirimi",
  consentAccept: "Kabul et",
  consentDecline: "Şimdi değil",
  resumeAsk: "E-postanızdaki sohbet açılsın mı? Buradaki bir tık uzakta kalır.",
  resumeOpen: "Aç",
  resumeStay: "Burada kal",
  otherConversation: "Bu cihazda başka bir sohbetiniz var.",
  otherConversationOpen: "Geç",
  resumeExpired:
    "E-postanızdaki bu bağlantının süresi doldu (bağlantılar, adresiniz aynı kaldığı sürece 14 gün geçerlidir). Yine de buraya yazabilirsiniz.",
  resumeInvalid: "Bu bağlantı eksik. Lütfen e-postadan yeniden açın.",
  resumeGone: "Bu sohbet artık yok. Burada yeni bir sohbet başlatabilirsiniz.",
} satisfies Catalogue<FirstUseStrings>;
