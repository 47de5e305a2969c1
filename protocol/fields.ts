/**
 * The fields client frames are made of, as schemas with the words their errors carry. A field over
 * its size limit fails a `max_length` check, which `parseFrame` answers with `too_large`; every other
 * failure is `bad_request`.
 */
import * as v from "valibot";
import { attachmentLimits, limits } from "./limits.ts";
import { isBlank, isEmailAddress, stripBidiControls } from "./text.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A string that is malformed, rather than too large, beyond `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
const boundedString = (name: string, max: number) =>
  v.pipe(
    v.string(`${name} must be a string`),
    v.check((value) => value.length <= max, `${name} must be a string of at most ${max} characters`),
  );

/** A UUID, in any case; lower-cased so the same id is one key. */
/* @__NO_SIDE_EFFECTS__ */
export const uuid = (name: string) =>
  v.pipe(v.string(`${name} must be a UUID`), v.regex(uuidPattern, `${name} must be a UUID`), v.toLowerCase());

/** Request id, echoed in the reply. */
export const rid = v.optional(boundedString("rid", limits.ridMaxChars));

export const sessionToken = boundedString("token", 512);

export const password = v.pipe(
  v.string("password is required"),
  v.minLength(1, "password is required"),
  v.maxLength(1024, "password is too long"),
);

/*
 * Text limits count characters as people do, in Unicode code points (an emoji is one), with
 * valibot's `maxCodePoints`, whose `max_code_points` failure `parseFrame` answers with `too_large`.
 */

/** Text someone writes, trimmed: something that shows, at most `max` characters. */
/* @__NO_SIDE_EFFECTS__ */
const shownText = (name: string, max: number) =>
  v.pipe(
    v.string(`${name} must be a string`),
    v.trim(),
    v.check((value) => !isBlank(value), `${name} is empty`),
    v.maxCodePoints(max, `${name} is longer than ${max} characters`),
  );

/**
 * A message's text, trimmed: something that shows (not only invisible characters: zero-width
 * spaces, bidi controls, …), at most `limits.textMaxChars` characters.
 */
export const messageText = shownText("text", limits.textMaxChars);

/** A saved reply's title and text, trimmed, each something that shows (docs/protocol.md, `saveReply`). */
export const savedReplyTitle = shownText("title", limits.savedReplyTitleMaxChars);
export const savedReplyText = shownText("text", limits.savedReplyTextMaxChars);

/**
 * A message's text beside attachments: as `messageText`, but one that shows nothing is an empty
 * string (a message of files alone); `send` refuses an empty text without attachments.
 */
export const messageTextOrEmpty = v.pipe(
  v.string("text must be a string"),
  v.trim(),
  v.transform((value) => (isBlank(value) ? "" : value)),
  v.maxCodePoints(limits.textMaxChars, `text is longer than ${limits.textMaxChars} characters`),
);

/** The attachments a `send` carries: ids from `uploadReady`, at most `attachmentLimits.attachmentsPerMessage`, each once. */
export const attachmentIds = v.optional(
  v.pipe(
    v.array(uuid("attachments[]"), "attachments must be an array of attachment ids"),
    v.maxLength(attachmentLimits.attachmentsPerMessage, `a message carries at most ${attachmentLimits.attachmentsPerMessage} attachments`),
    v.check((ids) => new Set(ids).size === ids.length, "an attachment is named twice"),
  ),
);

/** A file's name as the sender's device gave it: one line without bidi controls, trimmed, never empty. */
export const fileName = v.pipe(
  v.string("name must be a string"),
  v.transform((value) =>
    stripBidiControls(value)
      .replace(/[\p{Cc}/\\]+/gu, " ")
      .trim(),
  ),
  v.check((value) => !isBlank(value), "name is empty"),
  v.maxCodePoints(attachmentLimits.attachmentNameMaxChars, `name is longer than ${attachmentLimits.attachmentNameMaxChars} characters`),
);

/** A MIME type (`type/subtype`), lower-cased; which ones are taken is the site's setting. */
export const contentType = v.pipe(
  v.string("contentType must be a string"),
  v.maxLength(attachmentLimits.contentTypeMaxChars, `contentType is longer than ${attachmentLimits.contentTypeMaxChars} characters`),
  v.toLowerCase(),
  v.regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, "contentType must be a MIME type such as image/png"),
);

/** A file's size in bytes: what the upload's policy holds it to exactly. */
export const fileSize = v.pipe(
  v.number("size must be a number of bytes"),
  v.integer("size must be a whole number of bytes"),
  v.minValue(1, "size must be at least 1 byte"),
  v.maxValue(attachmentLimits.attachmentHardMaxBytes, "the file is too large"),
);

/** An image's width or height in pixels, as the sender measured it (so previews keep their place before they load). */
/* @__NO_SIDE_EFFECTS__ */
const pixels = (name: string) =>
  v.optional(
    v.pipe(
      v.number(`${name} must be a number of pixels`),
      v.integer(`${name} must be a whole number of pixels`),
      v.minValue(1, `${name} must be at least 1`),
      v.maxValue(attachmentLimits.imageMaxSidePx, `${name} is more than ${attachmentLimits.imageMaxSidePx} pixels`),
    ),
  );
export const imageWidth = pixels("width");
export const imageHeight = pixels("height");

/**
 * A nickname, one line without bidi controls (which could make it read reversed, or reverse what
 * follows it), trimmed; an empty string clears it, one made only of invisible characters is refused.
 */
export const nickname = v.optional(
  v.pipe(
    v.string("nickname must be a string"),
    v.trim(),
    v.check((value) => value === "" || !isBlank(value), "nickname shows nothing: use letters, or an empty string to clear it"),
    v.transform((value) => stripBidiControls(value).replace(/\p{Cc}+/gu, " ")),
    v.trim(),
    v.maxCodePoints(limits.nicknameMaxChars, `nickname is longer than ${limits.nicknameMaxChars} characters`),
  ),
);

/** An email address (text.ts says which), trimmed; an empty string clears it. */
export const email = v.optional(
  v.pipe(
    v.string("email must be a string"),
    v.trim(),
    v.maxLength(limits.emailMaxChars, `email is longer than ${limits.emailMaxChars} characters`),
    v.check((value) => value === "" || isEmailAddress(value), "email does not look like an address"),
  ),
);

/**
 * A cursor from a previous reply: opaque to clients and to the protocol (a bounded, non-empty
 * string); the store that made it checks it when it reads it back.
 */
/* @__NO_SIDE_EFFECTS__ */
const cursor = (name: string) =>
  v.optional(
    v.pipe(
      v.string(`${name} must be a cursor from a previous reply`),
      v.check((value) => value !== "" && value.length <= limits.cursorMaxChars, `${name} must be a cursor from a previous reply`),
    ),
  );

/** Where a history page ends: the `cursor` of the previous `history` reply. */
export const historyCursor = cursor("before");

export const historyLimit = v.optional(
  v.pipe(
    v.number(`limit must be an integer from 1 to ${limits.historyMaxLimit}`),
    v.integer(`limit must be an integer from 1 to ${limits.historyMaxLimit}`),
    v.minValue(1, `limit must be an integer from 1 to ${limits.historyMaxLimit}`),
    v.maxValue(limits.historyMaxLimit, `limit must be an integer from 1 to ${limits.historyMaxLimit}`),
  ),
);

/** A conversation reference from a notification's link: opaque, at most 128 characters. */
export const conversationRef = v.pipe(
  v.string("ref must be a reference from a notification"),
  v.check((value) => value !== "" && value.length <= 128, "ref must be a reference from a notification"),
);

/** Where an inbox page starts: the `cursor` of the previous `inbox` or owner `hello` reply. */
export const inboxCursor = cursor("cursor");

/** Where an export page starts: the `cursor` of the previous `exportPage` reply. */
export const exportCursor = cursor("cursor");

/**
 * An export of what changed after this time (epoch ms, the server's clock): conversations with a
 * message since, and only their messages and notes since.
 */
export const exportSince = v.optional(
  v.pipe(
    v.number("since must be a time in epoch milliseconds"),
    v.integer("since must be a time in epoch milliseconds"),
    v.minValue(0, "since must be a time in epoch milliseconds"),
    v.maxValue(9_999_999_999_999, "since must be a time in epoch milliseconds"),
  ),
);

/** Which conversations an inbox page lists: `open` (the default) or `done`. */
export const inboxStatus = v.optional(v.picklist(["open", "done"], 'status must be "open" or "done"'));

/** Only conversations with unread visitor messages (the inbox's Unread view, with `status: "open"`). */
export const inboxUnreadOnly = v.optional(v.boolean("unread must be a boolean"));

// ---- where the visitor is (a visitor `send`'s `page`, `pageTitle`, `referrer` and `locale`) ----

/* @__NO_SIDE_EFFECTS__ */
const isHttpUrl = (value: string): boolean => /^https?:\/\/[\x21-\x7e]+$/i.test(value) && URL.canParse(value);

/**
 * An absolute http(s) URL of at most `max` characters (or, with `orEmpty`, an empty string), in
 * printable ASCII, as a browser writes every address (`location.href` percent-encodes a path and
 * spells a host in punycode): never `javascript:`, `data:` or a relative one, nor one holding a
 * space or a bidi control (the inbox shows it as a link's text, which must read as the address it
 * goes to), and never more than a byte a character (what reading a message's page may cost is
 * bounded by it: backend/store/item-size.ts).
 */
/* @__NO_SIDE_EFFECTS__ */
export const httpUrl = (name: string, max: number, orEmpty = false) =>
  v.pipe(
    v.string(`${name} must be a URL`),
    v.maxLength(max, `${name} is longer than ${max} characters`),
    v.check((value) => (orEmpty && value === "") || isHttpUrl(value), `${name} must be an http(s) URL`),
  );

/** A trimmed string of at most `max` characters, matching `pattern` unless empty. */
/* @__NO_SIDE_EFFECTS__ */
const token = (name: string, max: number, pattern: RegExp) =>
  v.optional(
    v.pipe(
      v.string(`${name} must be a string`),
      v.trim(),
      v.maxLength(max, `${name} is longer than ${max} characters`),
      v.check((value) => value === "" || pattern.test(value), `${name} is malformed`),
    ),
  );

/**
 * The page a visitor wrote on, as the widget sends it with `send`: an http(s) URL (the widget
 * leaves out the query and the fragment unless the site asks), at most `limits.pageUrlMaxChars`.
 * The message keeps it, and the reply email's "Continue the conversation" link goes back to it
 * when it is on the site's own origin.
 */
export const pageUrl = v.optional(httpUrl("page", limits.pageUrlMaxChars));

/**
 * The page's title (`document.title`), for the owner's "on ⟨title⟩", the text of a link to the
 * page: one line without bidi controls, as a nickname, trimmed; one that shows nothing is dropped
 * (an empty string), not refused, since the widget sends whatever the page is called.
 */
export const pageTitle = v.optional(
  v.pipe(
    v.string("pageTitle must be a string"),
    v.trim(),
    v.maxCodePoints(limits.pageTitleMaxChars, `pageTitle is longer than ${limits.pageTitleMaxChars} characters`),
    v.transform((value) =>
      isBlank(value)
        ? ""
        : stripBidiControls(value)
            .replace(/\p{Cc}+/gu, " ")
            .trim(),
    ),
  ),
);

/** The page of another site that led the visitor here (http(s), or empty), for the owner's details. */
export const referrer = v.optional(httpUrl("referrer", limits.pageUrlMaxChars, true));

/** What a `locale`'s fields look like: a BCP 47 language tag, an IANA time zone name. */
export const localePatterns = {
  language: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/,
  timeZone: /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/,
};

/** The visitor's browser language (`navigator.language`) and time zone (`Intl`), for the owner's details. */
export const locale = v.optional(
  v.object(
    {
      language: token("locale.language", limits.languageMaxChars, localePatterns.language),
      timeZone: token("locale.timeZone", limits.timeZoneMaxChars, localePatterns.timeZone),
    },
    "locale must be an object",
  ),
);

// ---- Business hours (the owner's `hours`) ----

/** A time of day, "HH:MM" on a 24-hour clock; "24:00" ends a day. */
const timeOfDay = (name: string) =>
  v.pipe(v.string(`${name} must be "HH:MM"`), v.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, `${name} must be "HH:MM", 00:00 to 24:00`));

/** The time zone business hours are in: an IANA name the runtime knows ("Europe/Oslo"). */
export const hoursTimeZone = v.optional(
  v.pipe(
    v.string("timeZone must be a string"),
    v.maxLength(limits.timeZoneMaxChars, `timeZone is longer than ${limits.timeZoneMaxChars} characters`),
    v.regex(localePatterns.timeZone, "timeZone must be an IANA time zone name"),
    v.check((value) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: value });
        return true;
      } catch {
        return false;
      }
    }, "timeZone must be an IANA time zone name"),
  ),
);

/** The week's opening hours: spans of a day (0 Sunday to 6 Saturday), each `from` before `to`. */
export const weeklyHours = v.optional(
  v.pipe(
    v.array(
      v.pipe(
        v.strictObject(
          {
            day: v.pipe(v.number("day must be 0 (Sunday) to 6"), v.integer("day must be 0 (Sunday) to 6"), v.minValue(0), v.maxValue(6)),
            from: timeOfDay("from"),
            to: timeOfDay("to"),
          },
          "each of weekly must be {day, from, to}",
        ),
        v.check((span) => span.from < span.to, "from must be before to"),
      ),
      "weekly must be a list",
    ),
    v.maxLength(limits.hoursSpansMax, `weekly has more than ${limits.hoursSpansMax} spans`),
  ),
);

/** Whether the owner's email and push notifications go out outside their hours too (else held until they open). */
export const notifyOutsideHours = v.optional(v.boolean("notifyOutsideHours must be true or false"));

/** A signed link token from an email (`resume`): opaque to clients, checked by the backend. */
export const linkToken = v.pipe(
  v.string("token must be the token from the link"),
  v.minLength(1, "token must be the token from the link"),
  v.maxLength(limits.linkTokenMaxChars, `token is longer than ${limits.linkTokenMaxChars} characters`),
);

// ---- Web Push (the owner's `subscribe` and `unsubscribe`) ----

/* @__NO_SIDE_EFFECTS__ */
const isPushEndpoint = (value: string): boolean => {
  if (!URL.canParse(value) || /\s/.test(value)) return false;
  const url = new URL(value);
  if (url.username || url.password) return false;
  // http only to the IPv4 loopback, for stand-in push services in tests; the backend refuses even
  // that unless its deployment allows it (the local stack).
  return url.protocol === "https:" || (url.protocol === "http:" && url.hostname === "127.0.0.1");
};

/** A push service's endpoint: an https URL (or `http://127.0.0.1…`, see above), at most `pushEndpointMaxChars`. */
export const pushEndpoint = v.pipe(
  v.string("endpoint must be a URL"),
  v.maxLength(limits.pushEndpointMaxChars, `endpoint is longer than ${limits.pushEndpointMaxChars} characters`),
  v.check(isPushEndpoint, "endpoint must be an https URL"),
);

/**
 * A `PushSubscription`'s keys as its `toJSON()` gives them, unpadded base64url: `p256dh`, the
 * browser's P-256 public key (65 bytes, uncompressed: its base64url starts with `B`), and `auth`,
 * its 16-byte secret.
 */
export const pushKeys = v.object(
  {
    p256dh: v.pipe(
      v.string("keys.p256dh must be a base64url P-256 public key"),
      v.maxLength(128, "keys.p256dh is too long"),
      v.regex(/^B[A-Za-z0-9_-]{86}$/, "keys.p256dh must be a base64url P-256 public key (65 bytes)"),
    ),
    auth: v.pipe(
      v.string("keys.auth must be a base64url secret"),
      v.maxLength(64, "keys.auth is too long"),
      v.regex(/^[A-Za-z0-9_-]{21}[AQgw]$/, "keys.auth must be a base64url secret of 16 bytes"),
    ),
  },
  "keys must be {p256dh, auth}",
);

/** What `PushSubscription.toJSON()` gives (`expirationTime` and anything else is dropped). */
export const pushSubscription = v.object(
  { endpoint: pushEndpoint, keys: pushKeys },
  "subscription must be {endpoint, keys: {p256dh, auth}}",
);

/** A device `devices` lists: its endpoint's SHA-256, unpadded base64url. */
export const deviceId = v.pipe(
  v.string("deviceId must be a device id from `devices`"),
  v.regex(/^[A-Za-z0-9_-]{43}$/, "deviceId must be a device id from `devices`"),
);

/**
 * Which browser a device is, as the inbox names it for the owner's list ("Chrome on macOS"): one
 * line without bidi controls, at most `limits.browserLabelMaxChars`; an empty one is none.
 */
export const browserLabel = v.optional(
  v.pipe(
    v.string("browser must be a string"),
    v.transform((value) =>
      stripBidiControls(value)
        .replace(/\p{Cc}+/gu, " ")
        .trim(),
    ),
    v.maxCodePoints(limits.browserLabelMaxChars, `browser is longer than ${limits.browserLabelMaxChars} characters`),
  ),
);
