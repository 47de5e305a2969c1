import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { PushDeviceSummary } from "#protocol";
import type { PorchConnection } from "../connection/porch-connection.ts";
import { inboxApp } from "#infra/hosting.ts";
import { browserName } from "./browser-name.ts";

/**
 * - `unsupported`: no service worker or Web Push here (an http page that is not localhost, an old
 *   browser), or the worker could not be registered;
 * - `off`, `on`: whether this device gets the owner's notifications while no inbox is open;
 * - `busy`: turning them on or off.
 */
export type DevicePushState = "unsupported" | "off" | "on" | "busy";

const bytesOf = (base64url: string) => Uint8Array.from(atob(base64url.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

/**
 * "Notify me on this device": registers the inbox's service worker (widget/inbox-sw.ts) on load,
 * and from a click only asks for permission, subscribes this browser to Web Push with the
 * deployment's VAPID key (`pushKey`) and hands the subscription to the backend (`subscribe`);
 * turning it off unsubscribes both. A reactive controller of `<porch-inbox>`.
 */
export class DevicePush implements ReactiveController {
  state: DevicePushState = "unsupported";
  /** The last attempt to turn notifications on failed (the push service unreachable, the backend refused). */
  failed = false;
  private registration: ServiceWorkerRegistration | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly connection: PorchConnection<"owner", "token">,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.register();
  }

  /** Whether a click can turn notifications on: supported, off, and not refused by the owner before. */
  get canTurnOn(): boolean {
    return this.state === "off" && Notification.permission !== "denied";
  }

  private async register(): Promise<void> {
    if (!("serviceWorker" in navigator) || typeof PushManager !== "function" || typeof Notification !== "function") return;
    try {
      this.registration = await navigator.serviceWorker.register(new URL(inboxApp.serviceWorker, location.href), {
        scope: new URL(inboxApp.scope, location.href).href,
      });
      const subscription = await this.registration.pushManager.getSubscription();
      this.state = subscription && Notification.permission === "granted" ? "on" : "off";
    } catch {
      this.state = "unsupported";
    }
    this.host.requestUpdate();
  }

  /** Call it from a click: the permission prompt needs one, and the owner asked. */
  async turnOn(): Promise<void> {
    const registration = this.registration;
    if (!registration) return;
    this.set("busy", false);
    try {
      if ((await Notification.requestPermission()) !== "granted") return this.set("off", false);
      const { publicKey } = await this.connection.request({ action: "pushKey" });
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytesOf(publicKey) });
      const { endpoint, keys } = subscription.toJSON();
      try {
        await this.connection.request({
          action: "subscribe",
          subscription: { endpoint: endpoint ?? "", keys: { p256dh: keys?.p256dh ?? "", auth: keys?.auth ?? "" } },
          browser: browserName(),
        });
      } catch (error) {
        // The backend does not know this device: the browser must not think it is on.
        await subscription.unsubscribe().catch(() => false);
        throw error;
      }
      this.set("on", false);
    } catch {
      this.set("off", true);
    }
  }

  async turnOff(): Promise<void> {
    const subscription = await this.registration?.pushManager.getSubscription();
    this.set("busy", false);
    if (subscription) {
      // The backend forgets the device even if the browser cannot reach its push service now.
      await this.connection.request({ action: "unsubscribe", endpoint: subscription.endpoint }).catch(() => undefined);
      await subscription.unsubscribe().catch(() => false);
    }
    this.set("off", false);
  }

  /** The owner's devices, as the backend has them (`devices`), this browser's marked `current`. */
  async devices(): Promise<PushDeviceSummary[]> {
    const subscription = await this.registration?.pushManager.getSubscription();
    const reply = await this.connection.request({ action: "devices", ...(subscription ? { endpoint: subscription.endpoint } : {}) });
    return reply.devices;
  }

  /** Stops pushing to one of them (`removeDevice`); this browser's own also drops its subscription. */
  async remove(device: PushDeviceSummary): Promise<void> {
    await this.connection.request({ action: "removeDevice", deviceId: device.deviceId });
    if (device.current) await this.forget();
  }

  /**
   * Signing out: the browser drops its subscription too (`logout` removes the session's device on
   * the server), so the next sign-in offers "Notify me on this device" again instead of claiming a
   * device the server no longer has.
   */
  async forget(): Promise<void> {
    const subscription = await this.registration?.pushManager.getSubscription();
    await subscription?.unsubscribe().catch(() => false);
    if (this.state !== "unsupported") this.set("off", false);
  }

  private set(state: DevicePushState, failed: boolean): void {
    this.state = state;
    this.failed = failed;
    this.host.requestUpdate();
  }
}
