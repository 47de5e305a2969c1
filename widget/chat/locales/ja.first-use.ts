/**
 * Japanese (日本語) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/ja.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
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
  consentTitle: "チャットの前に",
  consentText:
    "チャットのため、このサイトはお使いのブラウザーにランダムな ID を保存し、お返事するために入力内容(お名前とメールアドレスを入力した場合はそれも)を保存します。同意されるまで、何も保存・送信されません。",
  consentPrivacy: "プライバシーに関する通知",
  consentAccept: "同意する",
  consentDecline: "今はしない",
  resumeAsk: "メールにある会話を開きますか？ここでの会話にもワンクリックで戻れます。",
  resumeOpen: "開く",
  resumeStay: "このまま",
  otherConversation: "この端末には別の会話があります。",
  otherConversationOpen: "切り替える",
  resumeExpired:
    "メールのこのリンクは期限切れです（リンクの有効期限は、メールアドレスが変わらない限り 14 日間です）。このままここに書くこともできます。",
  resumeInvalid: "このリンクは不完全です。メールからもう一度開いてください。",
  resumeGone: "この会話はもう存在しません。ここで新しい会話を始められます。",
} satisfies Catalogue<FirstUseStrings>;
