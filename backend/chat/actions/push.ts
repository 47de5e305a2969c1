import { limits, ProtocolError } from "#protocol";
import { checkPushEndpoint, pushServicesList } from "#backend/notify/push-services.ts";
import { newVapidKeys } from "#backend/notify/vapid.ts";
import type { ActionHandler } from "../action-handler.ts";

/** The VAPID public key, made and kept on the first call of the deployment (backend/store/push-devices.ts). */
export const pushKey: ActionHandler<"pushKey"> = async (_frame, { store }) => ({
  type: "pushKey",
  publicKey: (await store.pushDevices.vapidKeys(newVapidKeys)).publicKey,
});

/** Adds (or renews) one of the owner's devices; limited per hour, so a stolen token cannot fill the table. */
export const subscribe: ActionHandler<"subscribe"> = async ({ subscription }, context) => {
  const endpoint = checkPushEndpoint(subscription.endpoint, context.deps.pushAllow);
  if (!endpoint.ok) throw new ProtocolError("bad_request", `${endpoint.reason} (${pushServicesList})`);
  const fits = await context.takeLimit("push-subscribe", "owner", { max: limits.pushSubscribesPerHour, windowMs: 3600_000 });
  if (!fits) throw new ProtocolError("rate_limited", `at most ${limits.pushSubscribesPerHour} subscribe requests an hour`);
  await context.store.pushDevices.add({ endpoint: subscription.endpoint, keys: subscription.keys, subscribedAt: context.now });
  return { type: "subscribed" };
};

export const unsubscribe: ActionHandler<"unsubscribe"> = async ({ endpoint }, { store }) => ({
  type: "unsubscribed",
  removed: await store.pushDevices.remove(endpoint),
});
