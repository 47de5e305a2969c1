/**
 * Chinese, Simplified (简体中文) for the parts loaded on first use: the intro form, the conversation menu,
 * the email offer, the attachment UI, the consent notice and what a reply email's link says.
 * Written for Porch from the English (intro-strings.ts, menu-strings.ts, email-offer-strings.ts,
 * shared/uploads/strings.ts, consent-strings.ts, resume-strings.ts) as a machine-made draft (a
 * language model); to be reviewed by a native speaker.
 */
import type { Catalogue } from "#protocol/locales.ts";
import uploads from "#widget/shared/uploads/locales/zh.ts";
import type { FirstUseStrings } from "../strings.ts";

export default {
  ...uploads,
  introTitle: "介绍一下自己（可选）",
  introHint: "如果你希望离开此页面后也能收到回复，请留下邮箱（我们会请你确认）。",
  nickname: "名字",
  email: "邮箱",
  save: "保存",
  skip: "跳过",
  menuTitle: "你的对话",
  menuKept: "对话会在最后一条消息后保留 {count} 天。",
  menuKeptForever: "对话会一直保留，直到你或网站所有者将其删除。",
  menuDownload: "下载此对话",
  menuDelete: "删除此对话",
  menuDeleteConfirm: "永久删除此对话？你的消息、名字和邮箱将被清除，在这里和网站所有者处都是如此。",
  menuDeleteYes: "删除",
  menuCancel: "取消",
  menuDownloadFailed: "无法下载对话。请重试。",
  menuFileName: "对话.txt",
  menuFileHeading: "你在 {url} 与 {name} 的对话",
  menuYou: "你",
  menuOwner: "回复",
  emailOfferTitle: "通过邮件接收回复",
  emailOfferSave: "发邮件给我",
  emailOfferDismiss: "不用了",
  emailOfferCancel: "取消",
  emailOfferConfirm: "请查看收件箱以确认 {email}。",
  emailOfferOn: "你错过的回复会发送到 {email}。",
  emailOfferStopped: "发往 {email} 的邮件已停止。",
  emailOfferAgain: "重新接收邮件",
  emailOfferChange: "更改",
  emailOfferRemove: "移除",
  consentTitle: "开始聊天前",
  consentText:
    "为了聊天，本网站会在您的浏览器中保存一个随机 ID，并存储您所写的内容（以及您提供的姓名和邮箱），以便回复您。在您同意之前，不会存储或发送任何内容。",
  consentPrivacy: "隐私声明",
  consentAccept: "同意",
  consentDecline: "暂不",
  resumeAsk: "打开邮件中的对话？这里的对话只需一次点击即可返回。",
  resumeOpen: "打开",
  resumeStay: "留在这里",
  otherConversation: "你在此设备上还有另一个对话。",
  otherConversationOpen: "切换",
  resumeExpired: "邮件中的这个链接已过期（在你的邮箱地址不变的情况下，链接有效期为 14 天）。你仍然可以在这里留言。",
  resumeInvalid: "此链接不完整。请从邮件中重新打开。",
  resumeGone: "此对话已不存在。你可以在这里开始新的对话。",
} satisfies Catalogue<FirstUseStrings>;
