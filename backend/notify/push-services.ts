import { log } from "../chat/log.ts";

/**
 * Where a Web Push endpoint may point: the browsers' push services, and nothing else. A push
 * subscription's endpoint is a URL the owner's browser got from its push service, and the notify
 * function POSTs to whatever URL `subscribe` stored; without this list, anyone holding an owner
 * session could make it POST to an internal address (the instance metadata service, a VPC
 * endpoint, a port of this machine). docs/security.md, "Push subscriptions".
 *
 * The services, as browsers use them (the hosts their subscriptions' endpoints name):
 * - Google's Firebase Cloud Messaging: Chrome and the browsers built on Chromium that keep
 *   Google's push (Brave, Opera, Samsung Internet);
 * - Mozilla's autopush: Firefox;
 * - Apple's push service: Safari 16 on macOS 13, and web apps on iOS and iPadOS 16.4 (endpoints on
 *   `web.push.apple.com`; Apple asks firewalls to allow `*.push.apple.com`);
 * - Windows Push Notification Services: Edge (`wns2-….notify.windows.com`).
 * Sources: Pushpad, "What are the browser push services?" (2022,
 * https://pushpad.xyz/blog/what-are-the-browser-push-services); Apple, "Sending web push
 * notifications in web apps and browsers" (developer.apple.com, User Notifications); the endpoints
 * the four browsers return from `PushManager.subscribe()`.
 *
 * Each is https on port 443, by name: an endpoint spelling an address (`https://169.254.169.254`,
 * `https://2130706433`, `https://[::ffff:127.0.0.1]`), another port, or credentials is refused,
 * whatever it resolves to. A browser on another push service cannot subscribe: add it here, with
 * its source.
 */
export const pushServices = [
  { name: "Google", host: "fcm.googleapis.com" },
  { name: "Mozilla", host: "updates.push.services.mozilla.com" },
  { name: "Apple", domain: "push.apple.com" },
  { name: "Microsoft", domain: "notify.windows.com" },
] as const satisfies readonly ({ name: string; host: string } | { name: string; domain: string })[];

/** The environment variable that lets a stand-in push service (tests, on the local stack) in: `<host>:<port>`. */
export const pushAllowVariable = "PORCH_PUSH_ALLOW";

/** What `PORCH_PUSH_ALLOW` must look like: a host (a name or an IPv4 address) and a port. */
export const pushAllowPattern = /^[a-z0-9.-]+:\d{1,5}$/;

/**
 * `PORCH_PUSH_ALLOW` as the handlers read it, if it names a host and a port (anything else is
 * logged and ignored). The local stack sets it for tests; the deploy refuses to (infra/settings.ts).
 */
export function configuredPushAllow(env: NodeJS.ProcessEnv): string | undefined {
  const allow = env[pushAllowVariable];
  if (!allow) return undefined;
  if (pushAllowPattern.test(allow)) return allow;
  log.error(`${pushAllowVariable} must be <host>:<port>: ignored`, { value: allow });
  return undefined;
}

/** Which push service an endpoint is on, or why it is refused. */
export type PushEndpointCheck = { ok: true; service: string } | { ok: false; reason: string };

const refused = (reason: string): PushEndpointCheck => ({ ok: false, reason });

/**
 * Checks an endpoint against the push services, or against `allow` (`<host>:<port>` of a stand-in
 * push service, http or https, from `PORCH_PUSH_ALLOW` on the local stack; the deploy refuses it).
 */
export function checkPushEndpoint(endpoint: string, allow?: string): PushEndpointCheck {
  if (!URL.canParse(endpoint)) return refused("endpoint is not a URL");
  const url = new URL(endpoint);
  if (url.username || url.password) return refused("endpoint must not carry credentials");
  if (allow && url.host === allow && (url.protocol === "http:" || url.protocol === "https:")) return { ok: true, service: "stand-in" };
  // The URL parser spells every address the same way (2130706433 is 127.0.0.1) and drops :443.
  if (url.protocol !== "https:" || url.port !== "") return refused("endpoint must be https on port 443");
  const hostname = url.hostname;
  const service = pushServices.find((one) =>
    "host" in one
      ? hostname === one.host
      : hostname.endsWith(`.${one.domain}`) && /^[a-z0-9-]+$/.test(hostname.slice(0, -one.domain.length - 1).replaceAll(".", "")),
  );
  return service ? { ok: true, service: service.name } : refused("endpoint must be on a browser's push service");
}

/** The words a refused endpoint is answered with: which services there are. */
export const pushServicesList = pushServices.map((one) => ("host" in one ? one.host : `*.${one.domain}`)).join(", ");
