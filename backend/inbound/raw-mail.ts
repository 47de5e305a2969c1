import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { ReceivedEmail } from "./receive.ts";

/**
 * Where SES's S3 action stores a received email (infra/inbound.ts): the inbound bucket, under this
 * prefix and SES's message id. The local SMTP server writes the same keys in the data folder.
 */
export const rawMailPrefix = "mail/";
/** The variables the inbound function reads its raw mail's place from. */
export const rawMailEnv = {
  /** The inbound bucket's name (the deploy). */
  bucket: "PORCH_INBOUND_BUCKET",
  /** A folder instead of the bucket: the local stack only (the deploy never sets it). */
  dir: "PORCH_INBOUND_MAIL_DIR",
} as const;

/**
 * Emails larger than this are not read: SES's own limit for receiving, since an answer's files
 * become attachments (a 10 MB file is some 14 MB of email, base64-encoded).
 */
export const rawMailMaxBytes = 40 * 1024 * 1024;

export const rawMailKey = (sesMessageId: string) => `${rawMailPrefix}${sesMessageId}`;

/** Refuses an SES message id that is not one (it names a file or an object key). */
function checkedId(sesMessageId: string): string {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(sesMessageId) || sesMessageId.startsWith(".")) throw new Error("not an SES message id");
  return sesMessageId;
}

/** The raw mail of a received email: from the bucket on AWS (the S3 client loaded on first use), from a folder locally. */
export function rawMailReader(env: NodeJS.ProcessEnv): (email: ReceivedEmail) => Promise<Buffer> {
  const dir = env[rawMailEnv.dir];
  if (dir) return (email) => readFile(join(dir, rawMailKey(checkedId(email.mail.messageId))));
  const bucket = env[rawMailEnv.bucket] ?? "";
  let client: Promise<{ client: S3Client; module: typeof import("@aws-sdk/client-s3") }> | undefined;
  return async (email) => {
    client ??= import("@aws-sdk/client-s3").then((module) => ({ module, client: new module.S3Client({ maxAttempts: 3 }) }));
    const { client: s3, module } = await client;
    const object = await s3.send(new module.GetObjectCommand({ Bucket: bucket, Key: rawMailKey(checkedId(email.mail.messageId)) }), {
      abortSignal: AbortSignal.timeout(5000),
    });
    if ((object.ContentLength ?? 0) > rawMailMaxBytes) throw new Error("the email is larger than an answer can be");
    return Buffer.from(await object.Body!.transformToByteArray());
  };
}
