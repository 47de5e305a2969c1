/** Limits of protocol v1, shared by the backend, the widget and the inbox. */
export const limits = {
  /** Characters in one message's text. */
  textMaxChars: 4000,
  nicknameMaxChars: 64,
  emailMaxChars: 254,
  /** Characters in a frame's `rid`, echoed in the reply. */
  ridMaxChars: 64,
  /** Messages one visitor may send in `visitorRateWindowMs`. */
  visitorRateMax: 20,
  visitorRateWindowMs: 60_000,
  /** Wrong owner passwords from one address before `login` answers `rate_limited`. */
  loginFailuresMax: 5,
  loginFailureWindowMs: 15 * 60_000,
  /** Lifetime of an owner session token. */
  sessionTtlMs: 7 * 24 * 3600_000,
  /** Characters in a cursor (`before`, `cursor`): opaque strings the backend hands out. */
  cursorMaxChars: 1024,
  historyDefaultLimit: 50,
  historyMaxLimit: 100,
  inboxPageSize: 20,
  /** Characters in the page URL a visitor message carries (`send`'s `page`), and in its `referrer`. */
  pageUrlMaxChars: 2048,
  /** Characters in a link token (`resume`). */
  linkTokenMaxChars: 512,
  /** How long the "Continue the conversation" link of a reply email works. */
  resumeLinkTtlMs: 14 * 24 * 3600_000,
  /** Characters of the last message kept on a conversation for the inbox list. */
  previewMaxChars: 140,
  /** A side sends at most one `typing` frame this often; the backend relays no more than that. */
  typingIntervalMs: 3000,
  /** Characters in the title of the page a visitor message carries (`send`'s `pageTitle`). */
  pageTitleMaxChars: 200,
  /** A BCP 47 language tag (`navigator.language`) and an IANA time zone name. */
  languageMaxChars: 35,
  timeZoneMaxChars: 64,
  /** Characters in a Web Push subscription's endpoint (`subscribe`, `unsubscribe`). */
  pushEndpointMaxChars: 2048,
  /** `subscribe` frames the owner may send per hour (each adds a device, or renews one). */
  pushSubscribesPerHour: 20,
  /** Devices a notification is pushed to at most (the most recently subscribed), and that `subscribe` keeps. */
  pushDevicesMax: 20,
  /** Characters of the browser's name a device is listed with (`subscribe`'s `browser`). */
  browserLabelMaxChars: 64,
  /**
   * Saved replies the owner keeps, and the characters of each one's title and text: even at their
   * longest in the worst characters (six bytes of JSON each), all of them fit in one reply.
   */
  savedRepliesMax: 20,
  savedReplyTitleMaxChars: 60,
  savedReplyTextMaxChars: 800,
  /** Spans of opening hours in a week (`hours`): three a day. */
  hoursSpansMax: 21,
} as const;

/**
 * Limits of attachments (protocol v1), apart from `limits` so the widget's chat, which reads
 * `limits`, carries none of them: the attachment UI, loaded on first use, reads these.
 */
export const attachmentLimits = {
  /** Attachments one message carries at most (`send`'s `attachments`). */
  attachmentsPerMessage: 10,
  /** Characters in an attachment's file name (`upload`'s `name`). */
  attachmentNameMaxChars: 200,
  /** Characters in an attachment's declared content type. */
  contentTypeMaxChars: 100,
  /** Bytes one attachment may have at most, whatever the site sets (`PORCH_ATTACHMENT_MAX_MB` up to this). */
  attachmentHardMaxBytes: 100 * 1024 * 1024,
  /** Pixels an image is downscaled to on its long side before upload, and the most `width`/`height` may say. */
  imageMaxSidePx: 2048,
  /** Uploads one visitor may start per hour, and bytes per day. */
  visitorUploadsPerHour: 20,
  visitorUploadBytesPerDay: 50 * 1024 * 1024,
  /** How long an `uploadReady`'s POST may start, and a message's download url works. */
  uploadUrlTtlS: 10 * 60,
  downloadUrlTtlS: 15 * 60,
} as const;
