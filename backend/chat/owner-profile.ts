import * as v from "valibot";
import { type OwnerProfile, limits } from "#protocol";
import { httpUrl } from "#protocol/fields.ts";

/** The variables a site sets its "who answers" with, deployed (sst.config.ts) and locally alike. */
export const ownerProfileVariables = {
  name: "PORCH_OWNER_NAME",
  avatar: "PORCH_OWNER_AVATAR",
  replyTime: "PORCH_OWNER_REPLY_TIME",
} as const;

const text = (name: string, max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max, `${name} is longer than ${max} characters`));

const schema = v.object({
  name: text(ownerProfileVariables.name, limits.nicknameMaxChars),
  avatar: httpUrl(ownerProfileVariables.avatar, limits.pageUrlMaxChars, true),
  replyTime: text(ownerProfileVariables.replyTime, 120),
});

/** A setting of the owner's profile that cannot be used, named by its variable. */
export class OwnerProfileError extends Error {
  override readonly name = "OwnerProfileError";
}

/**
 * The owner's profile from its environment variables, each optional (empty is unset): a name of at
 * most 64 characters, an http(s) avatar URL, a reply-time line of at most 120. Throws an
 * `OwnerProfileError` naming the variable that is wrong: a deploy or `npm start` stops on it.
 */
export function ownerProfileFrom(env: Record<string, string | undefined>): OwnerProfile {
  const result = v.safeParse(schema, {
    name: env[ownerProfileVariables.name] ?? "",
    avatar: (env[ownerProfileVariables.avatar] ?? "").trim(),
    replyTime: env[ownerProfileVariables.replyTime] ?? "",
  });
  if (!result.success) throw new OwnerProfileError(result.issues[0].message);
  const { name, avatar, replyTime } = result.output;
  return { name: name || null, avatar: avatar || null, replyTime: replyTime || null };
}
