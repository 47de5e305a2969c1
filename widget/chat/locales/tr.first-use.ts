/**
 * Turkish (Türkçe) for the parts loaded on first use: the intro form, the conversation menu and the email
 * offer. Written for Porch from the English (intro-strings.ts, menu-strings.ts,
 * email-offer-strings.ts) as a machine-made draft (a language model); to be reviewed by a native
 * speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
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
} satisfies Catalogue<FirstUseStrings>;
