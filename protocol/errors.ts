/** The stable codes of `error` replies; docs/protocol.md says when each is used. */
export const errorCodes = [
  "bad_request",
  "unauthorized",
  "not_found",
  "too_large",
  "rate_limited",
  "blocked",
  "expired",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A frame that cannot be served, with the code and words its `error` reply carries. */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
