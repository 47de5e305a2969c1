// From its own modules, not protocol/index.ts: the notify function's bundle stays free of the schemas.
import { limits } from "#protocol/limits.ts";
import { truncateChars } from "#protocol/text.ts";
import type { PushDevice, PushDevices, VapidKeys } from "../chat/ports.ts";
import type { DeliveryResult, NotificationChannel } from "./channel.ts";
import type { OwnerNotification } from "./notification.ts";
import { checkPushEndpoint } from "./push-services.ts";
import { newVapidKeys } from "./vapid.ts";
import { conversationUrl, digestHeadline, visitorLabel } from "./webhook.ts";

/**
 * What the inbox's service worker (widget/inbox-sw.ts) gets in a push and shows as a notification:
 * plain text (a notification renders no markup), and the page a tap opens.
 */
export interface PushPayload {
  kind: OwnerNotification["kind"];
  title: string;
  body: string;
  /** `<inbox>#/r/<ref>` for a message (never the visitor id), the inbox for a digest. */
  url: string;
  /** A digest replaces the last digest on the device instead of stacking up. */
  tag?: string;
}

/** The payload for one notification; small enough for every push service (4 KB, encrypted). */
export function pushPayload(notification: OwnerNotification, inboxUrl: string): PushPayload {
  const [first] = notification.items;
  if (notification.kind === "message" && first) {
    return {
      kind: "message",
      title: truncateChars(visitorLabel(first.conversation), 64),
      body: truncateChars(first.message.text, 200),
      url: conversationUrl(inboxUrl, first.conversation),
    };
  }
  const latest = notification.items.map(
    ({ conversation, message }) => `${truncateChars(visitorLabel(conversation), 40)}: ${truncateChars(message.text, 60)}`,
  );
  return { kind: "digest", title: digestHeadline(notification), body: latest.join("\n"), url: inboxUrl, tag: "porch-digest" };
}

export interface PushChannelOptions {
  /** The inbox page: what a tap opens. */
  inboxUrl: string;
  /** VAPID's contact (RFC 8292): an https URL or a `mailto:` one. */
  subject: string;
  /** Per device. Default 5 s. */
  timeoutMs?: number;
  /** A stand-in push service (`<host>:<port>`, tests on the local stack) besides the browsers' (push-services.ts). */
  allow?: string | undefined;
}

/**
 * Web Push to each of the owner's devices (`subscribe`): the payload encrypted for the device
 * (RFC 8291, aes128gcm) and signed with the deployment's VAPID key (RFC 8292) by web-push's
 * `generateRequestDetails`, then POSTed with `fetch` and a timeout (web-push's own sender only
 * speaks https, and has no timeout of its own). A push service that answers 404 or 410 says the
 * subscription is gone: the device is removed. Every device at once, never retried.
 */
export class PushChannel implements NotificationChannel {
  readonly name = "push";

  constructor(
    private readonly devices: PushDevices,
    private readonly options: PushChannelOptions,
  ) {}

  async deliver(notification: OwnerNotification): Promise<DeliveryResult> {
    const devices = (await this.reachable(await this.devices.list(), notification.ownerEpoch)).slice(0, limits.pushDevicesMax);
    if (devices.length === 0) return { ok: true, detail: "no devices" };
    const [keys, webpush] = await Promise.all([this.devices.vapidKeys(newVapidKeys), import("web-push")]);
    const payload = JSON.stringify(pushPayload(notification, this.options.inboxUrl));
    const urgency = notification.kind === "message" ? "high" : "normal";
    const outcomes = await Promise.all(devices.map((device) => this.send(webpush.default, device, keys, payload, urgency)));
    const failed = outcomes.filter((outcome) => outcome.status !== "sent" && outcome.status !== "gone");
    const gone = outcomes.filter((outcome) => outcome.status === "gone").length;
    return {
      ok: failed.length === 0,
      detail: `${outcomes.length - failed.length - gone} of ${devices.length} devices${gone ? `, ${gone} gone and removed` : ""}`,
      ...(failed.length ? { error: failed.map((outcome) => outcome.reason).join("; ") } : {}),
    };
  }

  /**
   * The devices to push to: on a browser's push service, and subscribed under the owner password
   * as it is (`ownerEpoch`). The others are removed, never POSTed to: one off the list (stored
   * before endpoints were checked, or written into the table by hand), or subscribed before a
   * password change, which ends devices as it ends sessions.
   */
  private async reachable(devices: PushDevice[], ownerEpoch: string): Promise<PushDevice[]> {
    const refused = devices.filter(
      (device) => device.ownerEpoch !== ownerEpoch || !checkPushEndpoint(device.endpoint, this.options.allow).ok,
    );
    await Promise.all(refused.map((device) => this.devices.remove(device.endpoint)));
    return devices.filter((device) => !refused.includes(device));
  }

  private async send(
    webpush: typeof import("web-push"),
    device: PushDevice,
    keys: VapidKeys,
    payload: string,
    urgency: "high" | "normal",
  ): Promise<{ status: "sent" | "gone" | "failed"; reason?: string }> {
    try {
      const request = webpush.generateRequestDetails({ endpoint: device.endpoint, keys: device.keys }, payload, {
        vapidDetails: { subject: this.options.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        // A day: a phone that is off for longer gets no stale notification.
        TTL: 24 * 3600,
        urgency,
        contentEncoding: "aes128gcm",
      });
      // fetch computes the length of the body itself.
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== "content-length"));
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers,
        body: request.body ? new Uint8Array(request.body) : null,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status === 404 || response.status === 410) {
        await this.devices.remove(device.endpoint);
        return { status: "gone" };
      }
      if (response.ok) {
        await this.devices.recordPush(device.endpoint, Date.now());
        return { status: "sent" };
      }
      return { status: "failed", reason: `${new URL(device.endpoint).host} answered ${response.status}` };
    } catch (error) {
      return { status: "failed", reason: `${new URL(device.endpoint).host}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}

/**
 * VAPID's subject: the inbox's https origin on AWS; the owner's address, or a placeholder, on the
 * local stack, whose inbox is plain http (web-push accepts only https: and mailto:).
 */
export function vapidSubject(inboxUrl: string, ownerEmail: string | undefined): string {
  if (inboxUrl.startsWith("https://")) return new URL(inboxUrl).origin;
  return `mailto:${ownerEmail || "porch@localhost"}`;
}
