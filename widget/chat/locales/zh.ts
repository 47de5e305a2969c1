/**
 * Chinese, Simplified (简体中文), for the chat loaded on intent. Written for Porch from the English (strings.ts) as
 * a machine-made draft (a language model); to be reviewed by a native speaker.
 * docs/contributing.md, "Adding a language", says how the catalogues fit together.
 */
import type { Catalogue } from "#protocol/locales.ts";
import delivery from "#widget/shared/locales/zh.ts";
import type { PorchStrings } from "../strings.ts";

export default {
  ...delivery,
  heading: "和我聊聊",
  greeting: "你好！有问题、想法或更正？写在这里，我会亲自回复。",
  awayText: "我现在不在。请留言，我会尽快在这里回复。",
  online: "在线",
  away: "离开",
  lastSeen: "最后在线：{time}",
  backAt: "{day} {time} 回来",
  connecting: "正在连接…",
  reconnecting: "连接已断开。正在重新连接…",
  openChat: "打开聊天",
  closeChat: "关闭聊天",
  unread: "{count} 条未读",
  conversation: "对话",
  earlier: "显示更早的消息",
  typing: "{name} 正在输入…",
  typingAnonymous: "正在输入…",
  titleBadge: "({count}) 新回复",
  you: "你",
  owner: "回复",
  inputLabel: "消息",
  placeholder: "输入消息…",
  attach: "添加附件",
  editDetails: "你的名字和邮箱",
  conversationMenu: "你的对话：下载或删除",
  erased: "你的对话已删除。",
  error_bad_request: "无法发送。请检查后重试。",
  error_unauthorized: "你无权执行此操作。",
  error_not_found: "找不到该对话。",
  error_too_large: "超出了长度限制。",
  error_rate_limited: "你的发送速度超过了限制：这些消息会在一分钟后自动重新发送。",
  error_blocked: "网站所有者不接受你的消息。",
  error_expired: "该链接已过期。",
  error_internal: "我们这边出了点问题。请重试。",
  error_offline: "你当前处于离线状态。请稍后重试。",
} satisfies Catalogue<PorchStrings>;
