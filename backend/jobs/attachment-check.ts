import { checkBytes, sniffBytes } from "../attachments/magic.ts";
import { objectKey, parseObjectKey } from "../attachments/object-key.ts";
import type { AttachmentFiles, Attachments } from "../chat/ports.ts";
import type { AttachmentsUploadedJob, SweepConversationJob } from "./job.ts";

/** What checking and erasing attachments needs: their items, and the bucket (null: the deploy has none). */
export interface AttachmentJobDeps {
  attachments: Attachments;
  files: AttachmentFiles | null;
}

/**
 * After an upload, S3 says so (an event notification): each object's first bytes are compared
 * with its declared type, and one that is not what it says, or that no attachment stands for (an
 * upload racing a delete's sweep), is deleted. Safe to run twice: a removed one stays removed.
 */
export async function checkUploads(job: AttachmentsUploadedJob, deps: AttachmentJobDeps): Promise<{ summary: string }> {
  const { files } = deps;
  if (!files) return { summary: "no bucket" };
  const outcomes = await Promise.all(
    job.objects.map(async ({ key }) => {
      const named = parseObjectKey(key);
      const attachment = named && (await deps.attachments.get(named.visitorId, named.attachmentId));
      if (!attachment) {
        await files.remove([key]);
        return "orphan deleted";
      }
      const start = await files.readStart(key, sniffBytes);
      if (!start) return "gone";
      const matches = start.size === attachment.size && checkBytes(attachment.contentType, start.bytes) !== "mismatch";
      if (!matches) await files.remove([key]);
      const stored = await deps.attachments.markChecked(attachment.visitorId, attachment.id, matches);
      // Its conversation was deleted while it was checked: the sweep missed the object.
      if (!stored && matches) await files.remove([key]);
      return matches ? "checked" : "mislabelled, deleted";
    }),
  );
  return { summary: outcomes.join(", ") || "a test event" };
}

/** A delete's sweep erases the attachments uploaded up to it, objects first, then their items. */
export async function sweepAttachments(job: SweepConversationJob, deps: AttachmentJobDeps): Promise<number> {
  const swept = await deps.attachments.uploadedBefore(job.visitorId, job.clearedAt);
  if (!swept.length) return 0;
  await deps.files?.remove(swept.map((attachment) => objectKey(attachment.visitorId, attachment.id)));
  await deps.attachments.erase(swept);
  return swept.length;
}
