/**
 * Chinese, Simplified (zh) for the emails and link pages (backend/email/strings.ts is the source). Translated from the
 * English by Porch's developers, machine-assisted; not yet reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import type { emailStrings } from "../strings.ts";

export default {
  replySubject: "来自 {site} 的 {count} 条新回复",
  replyLead: "您在 {site} 上有 {count} 条回复：",
  replyEarlier: "（另有 {count} 条更早的回复在对话中。）",
  continueButton: "继续对话",
  continueLine: "继续对话：{url}",
  replyWhy: "您收到这封邮件，是因为您在 {site} 上选择了通过邮件接收回复。",
  unsubscribe: "退订",
  unsubscribeLine: "退订：{url}",
  answerLine: "您也可以直接回复这封邮件：写在引用内容上方的文字会进入对话。",
  confirmSubject: "请确认您在 {site} 的邮箱地址",
  confirmLead: "有人在 {site} 上写下以下内容后，请求将回复发送到此邮箱：",
  confirmIfYours: "如果是您本人，请确认您的地址，您在聊天中错过的回复将通过邮件发送给您。",
  confirmLine: "确认：{url}",
  confirmButton: "确认我的地址",
  confirmIfNot: "如果不是您本人，请忽略这封邮件：{site} 不会向未确认的地址发送回复。",
  neverEmail: "不再向此地址发送邮件",
  neverEmailLine: "{site} 不再向此地址发送邮件：{url}",
  notAllowed: "不允许",
  openFromEmail: "请从邮件中打开链接。",
  linkInvalid: "此链接无效",
  unsubscribeDamaged: "退订链接不完整或已损坏。请从邮件中重新打开。",
  unsubscribed: "您已退订",
  unsubscribedBody: "{site} 将不再给您发送邮件。如需再次通过邮件接收回复，请在 {site} 的聊天中填写您的地址并确认。",
  stopQuestion: "停止接收回复邮件？",
  stopBody: "{site} 会把您在聊天中错过的回复通过邮件发送给您。退订后将不再收到任何此类邮件。",
  stopBodyTo: "{site} 会把您在聊天中错过的回复发送到 {address}。退订后将不再收到任何此类邮件。",
  linkExpired: "此链接已过期",
  expiredBody: "请在 {site} 的聊天中重新填写您的地址，以获取新的链接。",
  confirmDamaged: "确认链接不完整或已损坏。请从邮件中重新打开。",
  nothingToConfirm: "没有需要确认的内容",
  nothingToConfirmBody: "提出请求的 {site} 聊天已不再使用此地址：没有需要确认的内容。",
  confirmed: "您的地址已确认",
  confirmedBody: "您在 {site} 聊天中错过的回复将通过邮件发送给您。每封邮件都附有停止接收的链接。",
  confirmQuestion: "确认您的邮箱地址？",
  confirmQuestionBody: "{site} 会把您在聊天中错过的回复发送到 {address}。仅当您本人在那里留言时才确认。",
  confirmAction: "确认",
  ownerAnswerLink: "通过邮件回复",
  ownerAnswerLine: "回复这封邮件即可在聊天中回复：写在引用内容上方的文字会发送给访客。",
} satisfies Catalogue<typeof emailStrings>;
