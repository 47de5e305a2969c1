/**
 * Japanese (日本語) for the parts loaded on first use: the intro form, the conversation menu and the email
 * offer. Written for Porch from the English (intro-strings.ts, menu-strings.ts,
 * email-offer-strings.ts) as a machine-made draft (a language model); to be reviewed by a native
 * speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  introTitle: "自己紹介（任意）",
  introHint: "このページを離れていても返信を受け取りたい場合は、メールアドレスをご入力ください（確認をお願いするメールが届きます）。",
  nickname: "お名前",
  email: "メールアドレス",
  save: "保存",
  skip: "スキップ",
  menuTitle: "あなたの会話",
  menuKept: "会話は最後のメッセージから {count} 日間保存されます。",
  menuKeptForever: "会話は、あなたかサイトの管理者が削除するまで保存されます。",
  menuDownload: "この会話をダウンロード",
  menuDelete: "この会話を削除",
  menuDeleteConfirm:
    "この会話を完全に削除しますか？あなたのメッセージ、お名前、メールアドレスが、ここでもサイトの管理者側でも消去されます。",
  menuDeleteYes: "削除",
  menuCancel: "キャンセル",
  menuDownloadFailed: "会話をダウンロードできませんでした。もう一度お試しください。",
  menuFileName: "会話.txt",
  menuFileHeading: "{url} での {name} との会話",
  menuYou: "あなた",
  menuOwner: "返信",
  emailOfferTitle: "返信をメールで受け取る",
  emailOfferSave: "メールで受け取る",
  emailOfferDismiss: "結構です",
  emailOfferCancel: "キャンセル",
  emailOfferConfirm: "受信箱を確認して {email} を確認してください。",
  emailOfferOn: "見逃した返信は {email} に送られます。",
  emailOfferStopped: "{email} へのメールは停止中です。",
  emailOfferAgain: "メールを再開",
  emailOfferChange: "変更",
  emailOfferRemove: "削除",
} satisfies Catalogue<FirstUseStrings>;
