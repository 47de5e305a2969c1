/**
 * Japanese (ja) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "{site}から新しい返信が{count}件あります",
  replyLead: "{site}で{count}件の返信があります：",
  replyEarlier: "（それ以前の返信{count}件は会話でご覧いただけます。）",
  continueButton: "会話を続ける",
  continueLine: "会話を続ける：{url}",
  replyWhy: "このメールは、{site}で返信をメールで受け取ることを希望されたためお送りしています。",
  unsubscribe: "配信停止",
  unsubscribeLine: "配信停止：{url}",
  answerLine: "このメールに返信することもできます。引用部分より上に書いた内容が会話に届きます。",
  confirmSubject: "{site}のメールアドレスをご確認ください",
  confirmLead: "どなたかが{site}で次のように書き込み、このアドレスで返信をメールで受け取ることを希望されました：",
  confirmIfYours: "ご本人の場合はアドレスを確認してください。チャットで見逃した返信をメールでお届けします。",
  confirmLine: "確認する：{url}",
  confirmButton: "アドレスを確認する",
  confirmIfNot: "お心当たりがない場合は、このメールを無視してください。{site}は確認されていないアドレスには返信を送りません。",
  neverEmail: "このアドレスには今後送信しない",
  neverEmailLine: "{site}からこのアドレスへ今後送信しない：{url}",
  notAllowed: "許可されていません",
  openFromEmail: "メールのリンクから開いてください。",
  linkInvalid: "このリンクは無効です",
  unsubscribeDamaged: "配信停止のリンクが不完全か壊れています。メールからもう一度開いてください。",
  unsubscribed: "配信を停止しました",
  unsubscribedBody:
    "{site}からメールが届くことはもうありません。再び返信をメールで受け取るには、{site}のチャットでアドレスを入力し、確認してください。",
  stopQuestion: "返信メールを停止しますか？",
  stopBody: "{site}は、チャットで見逃した返信をメールでお送りしています。配信を停止すると、こうしたメールはすべて届かなくなります。",
  stopBodyTo: "{site}は、チャットで見逃した返信を{address}にお送りしています。配信を停止すると、こうしたメールはすべて届かなくなります。",
  linkExpired: "このリンクは有効期限が切れています",
  expiredBody: "新しいリンクを受け取るには、{site}のチャットでもう一度アドレスを入力してください。",
  confirmDamaged: "確認リンクが不完全か壊れています。メールからもう一度開いてください。",
  nothingToConfirm: "確認するものはありません",
  nothingToConfirmBody: "依頼のあった{site}のチャットには、もうこのアドレスがありません。確認するものはありません。",
  confirmed: "アドレスを確認しました",
  confirmedBody: "{site}のチャットで見逃した返信をメールでお届けします。各メールに配信を停止するリンクがあります。",
  confirmQuestion: "メールアドレスを確認しますか？",
  confirmQuestionBody: "{site}はチャットで見逃した返信を{address}にお送りします。ご自身で書き込んだ場合のみ確認してください。",
  confirmAction: "確認する",
  ownerAnswerLink: "メールで返信",
  ownerAnswerLine: "このメールに返信すると、チャットで返信できます。引用部分より上に書いた内容が訪問者に届きます。",
} satisfies Catalogue<typeof emailStrings>;
