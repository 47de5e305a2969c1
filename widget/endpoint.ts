/** Set by `scripts/build.mjs` from `PORCH_ENDPOINT`; absent in unbundled code. */
declare const __PORCH_ENDPOINT__: string | undefined;

/**
 * The WebSocket endpoint to use: the one given (attribute or `data-endpoint`), else the one baked
 * in at build time, else — and always for `auto` — `/local` on the page's own host, where
 * `npm start` serves the local stack.
 */
export function resolveEndpoint(given: string | null | undefined): string {
  if (given && given !== "auto") return given;
  const baked = typeof __PORCH_ENDPOINT__ === "string" ? __PORCH_ENDPOINT__ : "";
  if (baked && given !== "auto") return baked;
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/local`;
}
