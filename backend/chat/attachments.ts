import { randomUUID } from "node:crypto";
import { type Attachment, type ChatMessage, attachmentLimits, ProtocolError, type Sender, type UploadReadyReply } from "#protocol";
import { inlineImageTypes } from "../attachments/policy.ts";
import { objectKey } from "../attachments/object-key.ts";
import type { ActionContext, AttachmentDeps, ChatDeps } from "./context.ts";
import { openConversation, tooManyConversations } from "./open-conversation.ts";
import type { StoredAttachment } from "./ports.ts";

/** An unsent upload is forgotten after a day: its item by TTL, its object by the bucket's lifecycle rule (infra/bucket.ts). */
export const unsentUploadTtlMs = 24 * 3600_000;

export interface UploadRequest {
  visitorId: string;
  from: Sender;
  name: string;
  contentType: string;
  size: number;
  width?: number | undefined;
  height?: number | undefined;
}

function enabled(deps: ChatDeps): AttachmentDeps {
  if (!deps.attachments) throw new ProtocolError("bad_request", "this site does not take attachments");
  return deps.attachments;
}

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * `upload`: refuses a file the site does not take, or over the sender's limits, before anything is
 * stored; otherwise records the attachment and answers with a presigned POST for exactly it.
 * A visitor's upload to a conversation that does not exist yet is counted against the
 * new-conversation limits through the same door as a first message or a `register`.
 */
export async function makeRoom(context: ActionContext, request: UploadRequest): Promise<UploadReadyReply> {
  const { files, policy } = enabled(context.deps);
  if (!policy.contentTypes.includes(request.contentType)) {
    throw new ProtocolError("bad_request", `this site does not take ${request.contentType} files`);
  }
  if (request.size > policy.maxBytes) throw new ProtocolError("too_large", `the file is larger than ${megabytes(policy.maxBytes)}`);
  const fromVisitor = request.from === "visitor";
  const { limits: abuse } = context.deps;
  const [conversation, withinCount] = await Promise.all([
    context.store.messages.sendContext(request.visitorId, context.now),
    fromVisitor ? context.takeLimit("uploads", request.visitorId, abuse.uploadsPerVisitor) : true,
  ]);
  if (!fromVisitor && !conversation.conversationExists) throw new ProtocolError("not_found", "no such conversation");
  if (fromVisitor && conversation.erased) throw new ProtocolError("not_found", "this conversation was erased: start a new one");
  if (fromVisitor && conversation.blocked) throw new ProtocolError("blocked", "the site owner is not accepting messages from you");
  if (!withinCount) throw new ProtocolError("rate_limited", "you are sending files too fast: wait a while");
  if (fromVisitor) {
    const bytes = context.limitCounter("upload-bytes", request.visitorId, abuse.uploadBytesPerVisitor);
    if (!(await context.store.counters.takeAmount(bytes.key, request.size, abuse.uploadBytesPerVisitor.max, bytes.expiresAtMs))) {
      throw new ProtocolError("rate_limited", "you have sent as many files as you may today: try again tomorrow");
    }
    if (!conversation.conversationExists) {
      const opening = await openConversation(context, request.visitorId);
      if (!opening.open) {
        await opening.giveBack();
        throw tooManyConversations();
      }
    }
  }
  const attachment: StoredAttachment = {
    id: randomUUID(),
    visitorId: request.visitorId,
    from: request.from,
    name: request.name,
    contentType: request.contentType,
    size: request.size,
    ...(request.width && request.height ? { width: request.width, height: request.height } : {}),
    uploadedAt: context.now,
    state: "pending",
  };
  // Recorded before the form is handed out: the check after upload finds it.
  await context.store.attachments.create(attachment, context.now + unsentUploadTtlMs);
  const form = await files.uploadForm({
    key: objectKey(request.visitorId, attachment.id),
    contentType: request.contentType,
    size: request.size,
    expiresInS: attachmentLimits.uploadUrlTtlS,
  });
  return { type: "uploadReady", attachmentId: attachment.id, ...form, expiresAt: context.now + attachmentLimits.uploadUrlTtlS * 1000 };
}

/**
 * Gives the attachments a `send` names to its message: each must be an upload of this sender in
 * this conversation, not another message's, and uploaded (its object is then marked sent, so the
 * lifecycle rule spares it). Answers them as the message stores them (no urls), in order.
 */
export async function attachToMessage(
  context: ActionContext,
  message: { visitorId: string; id: string; from: Sender },
  ids: readonly string[],
): Promise<Attachment[]> {
  if (!ids.length) return [];
  const { files } = enabled(context.deps);
  const attached = await context.store.attachments.attach(message.visitorId, ids, message.id, message.from);
  if (!attached.ok) {
    const why = { missing: "is not one of your uploads here", taken: "was sent with another message", removed: "was removed" }[
      attached.reason
    ];
    throw new ProtocolError(attached.reason === "taken" ? "bad_request" : "not_found", `attachment ${attached.attachmentId} ${why}`);
  }
  const uploaded = await Promise.all(attached.attachments.map((attachment) => files.markSent(objectKey(message.visitorId, attachment.id))));
  const notYet = attached.attachments.find((_attachment, index) => !uploaded[index]);
  if (notYet) {
    await context.store.attachments.release(message.visitorId, ids, message.id);
    throw new ProtocolError("not_found", `attachment ${notYet.id} was not uploaded: upload ${notYet.name} before sending it`);
  }
  return attached.attachments.map(described);
}

/** What a message stores of an attachment, and every reply shows (with a url). */
function described(attachment: StoredAttachment): Attachment {
  return {
    id: attachment.id,
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.size,
    ...(attachment.width && attachment.height ? { width: attachment.width, height: attachment.height } : {}),
    ...(attachment.state === "removed" ? { removed: true as const } : {}),
  };
}

/** A message's attachments with fresh download urls (none for a removed one). */
export async function withUrls(deps: ChatDeps, message: ChatMessage): Promise<ChatMessage> {
  if (!message.attachments?.length || !deps.attachments) return message;
  const { files } = deps.attachments;
  const attachments = await Promise.all(
    message.attachments.map(async (attachment) => {
      const { url: _old, ...rest } = attachment;
      if (attachment.removed) return rest;
      const url = await files.downloadUrl({
        key: objectKey(message.visitorId, attachment.id),
        contentType: attachment.contentType,
        name: attachment.name,
        inline: inlineImageTypes.has(attachment.contentType),
        expiresInS: attachmentLimits.downloadUrlTtlS,
      });
      return { ...rest, url };
    }),
  );
  return { ...message, attachments };
}

/**
 * A page of history with its messages' attachments as they stand now (a removed one says so),
 * from one query of the conversation's attachments: the timeline index does not hold them.
 * Without `urls` (an export, kept longer than a url lives), their metadata alone.
 */
export async function withAttachments(deps: ChatDeps, visitorId: string, messages: ChatMessage[], urls = true): Promise<ChatMessage[]> {
  if (!deps.attachments || !messages.length) return messages;
  const stored = await deps.store.attachments.ofConversation(visitorId);
  const byMessage = new Map<string, StoredAttachment[]>();
  for (const attachment of stored) {
    if (attachment.messageId === undefined) continue;
    byMessage.set(attachment.messageId, [...(byMessage.get(attachment.messageId) ?? []), attachment]);
  }
  return Promise.all(
    messages.map(async (message) => {
      const own = byMessage.get(message.id);
      if (!own) return message;
      own.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
      const withMetadata = { ...message, attachments: own.map(described) };
      return urls ? withUrls(deps, withMetadata) : withMetadata;
    }),
  );
}
