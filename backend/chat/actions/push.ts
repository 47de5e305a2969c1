import { limits, ProtocolError, type PushDeviceSummary } from "#protocol";
import { checkPushEndpoint, pushServicesList } from "#backend/notify/push-services.ts";
import { newVapidKeys } from "#backend/notify/vapid.ts";
import type { ActionHandler } from "../action-handler.ts";
import type { ActionContext } from "../context.ts";
import type { ListedPushDevice } from "../ports.ts";

/** The VAPID public key, made and kept on the first call of the deployment (backend/store/push-devices.ts). */
export const pushKey: ActionHandler<"pushKey"> = async (_frame, { store }) => ({
  type: "pushKey",
  publicKey: (await store.pushDevices.vapidKeys(newVapidKeys)).publicKey,
});

/**
 * Adds (or renews) one of the owner's devices, on a browser's push service only
 * (backend/notify/push-services.ts), stamped with the session that added it (`logout` removes it)
 * and the owner password's generation (a password change removes it). Limited per hour, and to
 * `limits.pushDevicesMax` devices, so a stolen token cannot fill the table.
 */
export const subscribe: ActionHandler<"subscribe"> = async ({ subscription, browser }, context) => {
  const endpoint = checkPushEndpoint(subscription.endpoint, context.deps.pushAllow);
  if (!endpoint.ok) throw new ProtocolError("bad_request", `${endpoint.reason} (${pushServicesList})`);
  const [fits, subscribed] = await Promise.all([
    context.takeLimit("push-subscribe", "owner", { max: limits.pushSubscribesPerHour, windowMs: 3600_000 }),
    currentDevices(context),
  ]);
  if (!fits) throw new ProtocolError("rate_limited", `at most ${limits.pushSubscribesPerHour} subscribe requests an hour`);
  const renewal = subscribed.some((device) => device.endpoint === subscription.endpoint);
  if (!renewal && subscribed.length >= limits.pushDevicesMax) {
    throw new ProtocolError("rate_limited", `at most ${limits.pushDevicesMax} devices: remove one in the inbox's list of devices first`);
  }
  const session = context.ownerSession();
  await context.store.pushDevices.add({
    endpoint: subscription.endpoint,
    keys: subscription.keys,
    subscribedAt: context.now,
    sessionId: session.id,
    ownerEpoch: context.deps.ownerEpoch(),
    ...(browser ? { browser } : {}),
  });
  // A `logout` of this session since its check: the device goes with it (logout.ts ends the
  // session before it sweeps, so one of the two removes it).
  if (!(await context.store.sessions.isLive(session.id, context.now))) {
    await context.store.pushDevices.remove(subscription.endpoint);
    throw new ProtocolError("unauthorized", "this session has ended: sign in again");
  }
  return { type: "subscribed" };
};

export const unsubscribe: ActionHandler<"unsubscribe"> = async ({ endpoint }, { store }) => ({
  type: "unsubscribed",
  removed: await store.pushDevices.remove(endpoint),
});

/** The owner's devices, newest first; `endpoint` (this browser's) marks its own. */
export const devices: ActionHandler<"devices"> = async ({ endpoint }, context) => ({
  type: "devices",
  devices: (await currentDevices(context)).map((device) => summaryOf(device, endpoint, context)),
});

export const removeDevice: ActionHandler<"removeDevice"> = async ({ deviceId }, { store }) => ({
  type: "deviceRemoved",
  deviceId,
  removed: await store.pushDevices.removeById(deviceId),
});

/**
 * The devices subscribed under the owner password as it is now. Those of another (subscribed
 * before a password change, or before devices were stamped with it) are removed: a password
 * change ends them as it ends sessions.
 */
async function currentDevices(context: ActionContext): Promise<ListedPushDevice[]> {
  const all = await context.store.pushDevices.list();
  const epoch = context.deps.ownerEpoch();
  const stale = all.filter((device) => device.ownerEpoch !== epoch);
  await Promise.all(stale.map((device) => context.store.pushDevices.remove(device.endpoint)));
  return all.filter((device) => device.ownerEpoch === epoch);
}

function summaryOf(device: ListedPushDevice, currentEndpoint: string | undefined, context: ActionContext): PushDeviceSummary {
  const service = checkPushEndpoint(device.endpoint, context.deps.pushAllow);
  return {
    deviceId: device.deviceId,
    browser: device.browser ?? null,
    service: service.ok ? service.service : "unknown",
    subscribedAt: device.subscribedAt,
    lastPushAt: device.lastPushAt ?? null,
    current: device.endpoint === currentEndpoint,
  };
}
