import type { ErrorCode } from "#protocol";

/** The server answered a request with `{type:"error"}`; `code` is the protocol's stable code. */
export class PorchServerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "PorchServerError";
  }
}

/** The request got no reply: the socket was not open, closed meanwhile, or stayed silent too long. */
export class PorchConnectionError extends Error {
  constructor(readonly reason: "offline" | "closed" | "timeout") {
    super(`connection ${reason}`);
    this.name = "PorchConnectionError";
  }
}
