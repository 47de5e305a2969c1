/**
 * Which parts of an answer by email are files its sender meant to send (docs/protocol.md,
 * "Answers by email"): every attachment of the email itself (whatever its disposition: Apple Mail
 * marks attached photos `inline`), and of the images embedded in its HTML (`multipart/related`,
 * shown through `cid:` urls) only those the new text shows, above the quoted history, of at least
 * `embeddedMinBytes`: smaller ones are the logos and icons of signatures.
 */
import type { Attachment } from "mailparser";
import * as v from "valibot";
import { fileName as fileNameField } from "#protocol/fields.ts";
import { attachmentLimits } from "#protocol/limits.ts";
import { truncateChars } from "#protocol/text.ts";
import type { MailedFile } from "../chat/email-files.ts";

/** Embedded images smaller than this are a signature's logo or a social icon, not a picture sent. */
export const embeddedMinBytes = 2048;

/** A file name as `upload` takes one (one line, no bidi controls), without its folders, not too long. */
function fileName(attachment: Attachment): string {
  const base = (attachment.filename ?? "").split(/[\\/]/).pop()!;
  const parsed = v.safeParse(fileNameField, truncateChars(base, attachmentLimits.attachmentNameMaxChars));
  return parsed.success ? parsed.output : attachment.related ? "image" : "attachment";
}

/** The files sent with an email, in its order; `answerHtml` is its HTML above the quote ("" without HTML). */
export function mailedFiles(attachments: readonly Attachment[], answerHtml: string): MailedFile[] {
  return attachments
    .filter(
      (attachment) =>
        !attachment.related || (attachment.size >= embeddedMinBytes && !!attachment.cid && answerHtml.includes(`cid:${attachment.cid}`)),
    )
    .map((attachment) => ({
      name: fileName(attachment),
      contentType: attachment.contentType.split(";")[0]!.trim().toLowerCase(),
      content: attachment.content,
    }));
}
