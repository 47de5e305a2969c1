/**
 * Japanese (日本語), polite register, for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/ja.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "チャットでどうぞ",
  greeting: "こんにちは！ご質問、ご感想、誤りのご指摘など、こちらにお書きください。私が直接お返事します。",
  awayText: "ただいま不在です。メッセージを残していただければ、できるだけ早くこちらでお返事します。",
  online: "オンライン",
  away: "不在",
  lastSeen: "最終アクティブ: {time}",
  backAt: "{day} {time}に戻ります",
  connecting: "接続中…",
  reconnecting: "接続が切れました。再接続中…",
  openChat: "チャットを開く",
  closeChat: "チャットを閉じる",
  unread: "未読 {count} 件",
  conversation: "会話",
  earlier: "以前のメッセージを表示",
  typing: "{name}さんが入力中…",
  typingAnonymous: "入力中…",
  titleBadge: "({count}) 新しい返信",
  you: "あなた",
  owner: "返信",
  inputLabel: "メッセージ",
  placeholder: "メッセージを入力…",
  attach: "添付",
  editDetails: "お名前とメールアドレス",
  conversationMenu: "会話のダウンロード・削除",
  erased: "会話を削除しました。",
  error_bad_request: "送信できませんでした。内容を確認して、もう一度お試しください。",
  error_unauthorized: "この操作は許可されていません。",
  error_not_found: "会話が見つかりませんでした。",
  error_too_large: "文字数の上限を超えています。",
  error_rate_limited: "送信のペースが上限を超えています。これらのメッセージは 1 分後に自動で再送信されます。",
  error_blocked: "サイトの管理者はあなたからのメッセージを受け付けていません。",
  error_expired: "リンクの有効期限が切れています。",
  error_internal: "こちら側で問題が発生しました。もう一度お試しください。",
  error_offline: "現在オフラインです。しばらくしてからもう一度お試しください。",
} satisfies Catalogue<PorchStrings>;
