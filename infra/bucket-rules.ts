/**
 * The attachments' bucket's rules, declared once: infra/bucket.ts deploys them, the local S3
 * (backend/local/s3.ts) enforces them, and verify:deploy checks the deploy against them.
 */

/** CORS: a browser on any site may POST an upload (a presigned POST's policy says what); nothing else. */
export const attachmentCors = {
  allowOrigins: ["*"],
  allowMethods: ["POST"],
  allowHeaders: ["*"],
  maxAgeS: 3000,
} as const;

/** Uploads never sent with a message (still tagged so, backend/attachments/object-key.ts) expire after this many days. */
export const unsentUploadExpiryDays = 1;
