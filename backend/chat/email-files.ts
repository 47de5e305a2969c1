import { attachmentLimits, truncateChars } from "#protocol";
import { checkBytes, sniffBytes } from "../attachments/magic.ts";
import { objectKey } from "../attachments/object-key.ts";
import type { ReplySide } from "../email/reply-address.ts";
import { enabled, fileRefusal, overUploadLimit, takeUploadBytes, takeUploadCount, unsentUploadTtlMs } from "./attachments.ts";
import type { ActionContext } from "./context.ts";
import { derivedUuid } from "./derived-uuid.ts";
import { log } from "./log.ts";

/** A file an answer by email carries (backend/inbound/mailed-files.ts picks them). */
export interface MailedFile {
  name: string;
  /** As the email declares it, lower-cased, without parameters. */
  contentType: string;
  content: Uint8Array;
}

/** The files of one answer by email, in one conversation. */
interface MailedFiles {
  visitorId: string;
  side: ReplySide;
  emailMessageId: string;
  files: readonly MailedFile[];
}

/** Said in the message for each file left out, and why. */
export const fileNote = (name: string, why: string) => `[${truncateChars(name, 60)} was not added: ${why}.]`;
/** Said when the email had more files than a message carries. */
export const tooManyFilesNote = (left: number) =>
  `[${left === 1 ? "1 more file was" : `${left} more files were`} not added: a message carries ${attachmentLimits.attachmentsPerMessage} at most.]`;
/** Said for the files of an email to a site that takes none. */
export const noFilesNote = (count: number) =>
  `[${count === 1 ? "1 attachment was" : `${count} attachments were`} not added: send files in the chat.]`;

/**
 * The attachment a file of an email becomes: a UUID (version 8) from the conversation, the side,
 * the email's `Message-ID` and the file's place in it, so a second delivery of the email finds the
 * attachment (and its object) the first one made.
 */
export const mailedFileId = (files: MailedFiles, index: number) =>
  derivedUuid(`porch mailed file v1\n${files.visitorId}\n${files.side}\n${files.emailMessageId}\n${index}`);

/**
 * Stores the files of an answer by email as attachments of its message-to-be, with the checks an
 * upload gets (docs/security.md, "Attachments"): the site's types and size, the magic bytes (which
 * the check after upload, backend/jobs/attachment-check.ts, looks at again, as for any object),
 * and for a visitor their upload limits; an email carries as many as a message, no more. Each is
 * recorded before its object is written, as an upload is before its form is handed out, so the
 * check after upload finds it. Returns the attachments to send, and a note for each file left out.
 */
export async function storeMailedFiles(context: ActionContext, mailed: MailedFiles): Promise<{ ids: string[]; notes: string[] }> {
  if (!mailed.files.length) return { ids: [], notes: [] };
  if (!context.deps.attachments) return { ids: [], notes: [noFilesNote(mailed.files.length)] };
  const kept = mailed.files.slice(0, attachmentLimits.attachmentsPerMessage);
  const ids: string[] = [];
  const notes: string[] = [];
  // One after another: the upload limits count them in the email's order.
  for (const [index, file] of kept.entries()) {
    const id = mailedFileId(mailed, index);
    const stored = await storeOne(context, mailed, file, id);
    if (stored === true) ids.push(id);
    else {
      notes.push(fileNote(file.name, stored));
      log.info("mailed file not added", {
        visitorId: mailed.visitorId,
        contentType: file.contentType,
        size: file.content.length,
        why: stored,
      });
    }
  }
  const left = mailed.files.length - kept.length;
  return { ids, notes: left > 0 ? [...notes, tooManyFilesNote(left)] : notes };
}

/** Stores one file: true, or why it is left out. */
async function storeOne(context: ActionContext, mailed: MailedFiles, file: MailedFile, id: string): Promise<true | string> {
  const { files, policy } = enabled(context.deps);
  const size = file.content.length;
  if (size === 0) return "it is empty";
  const refused = fileRefusal(policy, { contentType: file.contentType, size });
  if (refused) return refused.message;
  const mislabelled = `it is not the ${file.contentType} it says it is`;
  if (checkBytes(file.contentType, file.content.subarray(0, sniffBytes)) === "mismatch") return mislabelled;
  const existing = await context.store.attachments.get(mailed.visitorId, id);
  // The check after upload of an earlier delivery found otherwise.
  if (existing?.state === "removed") return mislabelled;
  if (!existing) {
    if (mailed.side === "visitor") {
      if (!(await takeUploadCount(context, mailed.visitorId))) return overUploadLimit.count;
      if (!(await takeUploadBytes(context, mailed.visitorId, size))) return overUploadLimit.bytes;
    }
    await context.store.attachments.create(
      {
        id,
        visitorId: mailed.visitorId,
        from: mailed.side,
        name: file.name,
        contentType: file.contentType,
        size,
        uploadedAt: context.now,
        state: "pending",
      },
      context.now + unsentUploadTtlMs,
    );
  }
  // A delivery before this one may have stopped between the record and the object: written again.
  if (!existing?.messageId)
    await files.putFile({ key: objectKey(mailed.visitorId, id), contentType: file.contentType, bytes: file.content });
  return true;
}
