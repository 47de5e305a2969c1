import { attachmentLimits, type AttachmentPolicy } from "#protocol";

/**
 * What a site takes as attachments: `PORCH_ATTACHMENT_MAX_MB` (default 10) and
 * `PORCH_ATTACHMENT_TYPES` (comma-separated MIME types; default images, PDF and plain text), set on
 * the functions by the deploy and by the local stack. A setting that cannot be used is refused
 * loudly, as the other limits are: a limit silently off is worse than a deploy that fails.
 */
export const attachmentEnv = { maxMb: "PORCH_ATTACHMENT_MAX_MB", types: "PORCH_ATTACHMENT_TYPES" } as const;

export const defaultContentTypes = ["image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf", "text/plain"] as const;

/** Types a browser would run or render as a page: never taken, whatever the site sets (docs/security.md). */
const neverTaken =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript|application\/x-shockwave-flash)$/;

/** Images a browser shows inline safely (`<img>`): everything else downloads as a file. */
export const inlineImageTypes: ReadonlySet<string> = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);

export function attachmentPolicyFrom(env: Record<string, string | undefined>): AttachmentPolicy {
  const maxMbText = env[attachmentEnv.maxMb]?.trim() || "10";
  const maxMb = Number(maxMbText);
  const hardMaxMb = attachmentLimits.attachmentHardMaxBytes / (1024 * 1024);
  if (!Number.isFinite(maxMb) || maxMb <= 0 || maxMb > hardMaxMb) {
    throw new RangeError(`${attachmentEnv.maxMb} must be a number of megabytes from 0 to ${hardMaxMb}, not "${maxMbText}"`);
  }
  const typesText = env[attachmentEnv.types]?.trim();
  const contentTypes = typesText ? typesText.split(",").map((type) => type.trim().toLowerCase()) : [...defaultContentTypes];
  for (const type of contentTypes) {
    if (!/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type)) {
      throw new RangeError(`${attachmentEnv.types} must list MIME types such as image/png, not "${type}"`);
    }
    if (neverTaken.test(type)) throw new RangeError(`${attachmentEnv.types}: ${type} is never taken: a browser would run it`);
  }
  return { maxBytes: Math.floor(maxMb * 1024 * 1024), contentTypes };
}
