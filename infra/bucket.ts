/// <reference path="../.sst/platform/config.d.ts" />
import { sentTag } from "#backend/attachments/object-key.ts";
import { linkNames } from "#backend/handlers/links.ts";
import { attachmentCors, unsentUploadExpiryDays } from "./bucket-rules.ts";

/**
 * The attachments' bucket (docs/deploy.md, "Attachments"): private (SST blocks public access by
 * default, and no `access` is given), uploaded to straight from browsers by presigned POST (CORS:
 * POST from any origin, nothing else; infra/bucket-rules.ts), read by presigned GET.
 *
 * - Uploads never sent with a message expire after a day: an upload is tagged `porch-sent=no`
 *   (its POST policy's `tagging` field), a `send` tags it `yes`, and the lifecycle rule expires
 *   what is still `no`.
 * - Each object created is an event notification to the jobs queue, whose function checks the
 *   bytes against the declared type (backend/jobs/attachment-check.ts).
 * - Least privilege: linking a Bucket gives only `s3:GetObject` on its objects (both the message
 *   and the jobs function read or presign reads); what writes is granted per function
 *   (`attachmentWrites`): the message functions put and tag (presigned POSTs, `send`), the jobs
 *   function deletes (mislabelled files, a delete's sweep), the inbound function puts and tags (the
 *   files of answers by email). Nothing may list or change the bucket.
 */
export function attachmentBucket() {
  sst.Linkable.wrap(sst.aws.Bucket, (bucket) => ({
    properties: { name: bucket.name },
    include: [sst.aws.permission({ actions: ["s3:GetObject"], resources: [$interpolate`${bucket.arn}/*`] })],
  }));
  const bucket = new sst.aws.Bucket(linkNames.attachments, {
    cors: {
      allowOrigins: [...attachmentCors.allowOrigins],
      allowMethods: [...attachmentCors.allowMethods],
      allowHeaders: [...attachmentCors.allowHeaders],
      maxAge: `${attachmentCors.maxAgeS} seconds`,
    },
    lifecycle: [{ id: "UnsentUploads", expiresIn: `${unsentUploadExpiryDays} day` }],
    transform: {
      lifecycle(args) {
        // SST's rule filters by prefix only: this one is for the objects still tagged unsent.
        args.rules = [
          {
            id: "UnsentUploads",
            status: "Enabled",
            filter: { tag: { key: sentTag.key, value: sentTag.unsent } },
            expiration: { days: unsentUploadExpiryDays },
          },
        ];
      },
    },
  });
  const objects = $interpolate`${bucket.arn}/*`;
  const attachmentWrites = {
    route: [{ actions: ["s3:PutObject", "s3:PutObjectTagging"], resources: [objects] }],
    jobs: [{ actions: ["s3:DeleteObject"], resources: [objects] }],
    // The files of answers by email: written and marked sent as a `send` marks an upload.
    inbound: [{ actions: ["s3:PutObject", "s3:PutObjectTagging"], resources: [objects] }],
  };
  return { bucket, attachmentWrites };
}

/** After the jobs queue exists: every object created under `attachments/` is a message on it. */
export function notifyUploads(bucket: sst.aws.Bucket, queue: sst.aws.Queue) {
  bucket.notify({
    notifications: [{ name: "AttachmentUploaded", queue, events: ["s3:ObjectCreated:*"], filterPrefix: "attachments/" }],
  });
}
