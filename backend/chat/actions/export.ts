import type { ChatMessage, ExportedConversation, ExportPageReply } from "#protocol";
import type { ActionHandler } from "../action-handler.ts";
import { withAttachments } from "../attachments.ts";
import type { ActionContext } from "../context.ts";
import { withRef } from "../head.ts";
import type { ExportEntry, Page } from "../ports.ts";
import { countThatFit, jsonBytes, longestCursor, roomFor } from "../reply-size.ts";

/**
 * A page of the owner's export (docs/data-model.md, "Exports"): what the store reads for one
 * reply's room, its messages' attachments described (no urls: a file outlives them), cut to what
 * fits in one message. The first page also carries the saved replies and the business hours.
 */
export const exportAll: ActionHandler<"exportAll"> = async ({ cursor, since }, context) => {
  const { store } = context;
  const first = cursor === undefined;
  const [savedReplies, stored] = first ? await Promise.all([store.savedReplies.list(), store.hours.read()]) : [];
  // The hours as set, not the stamps and marks their jobs keep beside them.
  const hours = stored && { timeZone: stored.timeZone, weekly: stored.weekly };
  const reply = { type: "exportPage", conversations: [], ...(first ? { savedReplies, hours } : {}) } as const;
  const rest = jsonBytes({ ...reply, cursor: longestCursor });
  const page = await store.exports.page(cursor, since, roomFor(rest));
  const entries = await withAttachmentsOf(context, page);
  const refs = context.deps.refs();
  // Each entry as it adds to the reply: a conversation its row in an empty entry, a message or note itself.
  const shapes = entries.map(({ item }) =>
    item.kind === "conversation" ? exported(withRef(item.head, refs), item.continued) : item.kind === "message" ? item.message : item.note,
  );
  const count = countThatFit(shapes, rest, "start");
  const conversations: ExportedConversation[] = [];
  for (const [index, { item }] of entries.slice(0, count).entries()) {
    if (item.kind === "conversation") conversations.push(shapes[index] as ExportedConversation);
    else if (item.kind === "message") conversations.at(-1)!.messages.push(item.message);
    else conversations.at(-1)!.notes.push(item.note);
  }
  const more = page.more || count < entries.length;
  const next = more ? (entries[count - 1]?.cursor ?? null) : null;
  return { ...reply, conversations, cursor: next } satisfies ExportPageReply;
};

const exported = (conversation: ExportedConversation["conversation"], continued: boolean): ExportedConversation => ({
  conversation,
  messages: [],
  notes: [],
  ...(continued ? { continued: true as const } : {}),
});

/** The page's messages with their attachments' metadata: one query of each conversation's attachments that has messages here. */
async function withAttachmentsOf(context: ActionContext, page: Page<ExportEntry>): Promise<Page<ExportEntry>["entries"]> {
  const byConversation = new Map<string, ChatMessage[]>();
  for (const { item } of page.entries) {
    if (item.kind === "message")
      byConversation.set(item.message.visitorId, [...(byConversation.get(item.message.visitorId) ?? []), item.message]);
  }
  const described = new Map<string, ChatMessage>();
  await Promise.all(
    [...byConversation].map(async ([visitorId, messages]) => {
      for (const message of await withAttachments(context.deps, visitorId, messages, false)) described.set(message.id, message);
    }),
  );
  return page.entries.map((entry) =>
    entry.item.kind === "message" ? { ...entry, item: { kind: "message", message: described.get(entry.item.message.id)! } } : entry,
  );
}
