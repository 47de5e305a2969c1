/**
 * Turkish (Türkçe), formal address (siz), for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/tr.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "Bana yazın",
  greeting: "Merhaba! Sorular, düşünceler, düzeltmeler? Buraya yazın, size bizzat yanıt vereyim.",
  awayText: "Şu an buralarda değilim. Mesaj bırakın, en kısa sürede buradan yanıt vereceğim.",
  online: "Çevrimiçi",
  away: "Uzakta",
  lastSeen: "Son görülme: {time}",
  backAt: "Dönüş: {day} {time}",
  connecting: "Bağlanıyor…",
  reconnecting: "Bağlantı koptu. Yeniden bağlanıyor…",
  openChat: "Sohbeti aç",
  closeChat: "Sohbeti kapat",
  unread: "{count} okunmamış",
  conversation: "Sohbet",
  earlier: "Önceki mesajları göster",
  typing: "{name} yazıyor…",
  typingAnonymous: "Yazıyor…",
  titleBadge: "({count}) Yeni yanıt",
  you: "Siz",
  owner: "Yanıt",
  inputLabel: "Mesaj",
  placeholder: "Bir mesaj yazın…",
  attach: "Dosya ekle",
  editDetails: "Adınız ve e-postanız",
  conversationMenu: "Sohbetiniz: indirin veya silin",
  erased: "Sohbetiniz silindi.",
  error_bad_request: "Bu gönderilemedi. Lütfen kontrol edip yeniden deneyin.",
  error_unauthorized: "Bunu yapmaya yetkiniz yok.",
  error_not_found: "Bu sohbet bulunamadı.",
  error_too_large: "Bu, sınırdan uzun.",
  error_rate_limited: "Sınırdan hızlı yazıyorsunuz: bu mesajlar bir dakika içinde kendiliğinden yeniden gönderilecek.",
  error_blocked: "Site sahibi sizden mesaj kabul etmiyor.",
  error_expired: "Bu bağlantının süresi doldu.",
  error_internal: "Bizim tarafımızda bir sorun oluştu. Lütfen yeniden deneyin.",
  error_offline: "Şu an çevrimdışısınız. Lütfen birazdan yeniden deneyin.",
} satisfies Catalogue<PorchStrings>;
