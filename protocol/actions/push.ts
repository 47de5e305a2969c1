import { defineAction } from "../action.ts";
import { pushEndpoint, pushSubscription } from "../fields.ts";
import { pushKeyReply, subscribedReply, unsubscribedReply } from "../frames.ts";

export const pushKey = defineAction({
  action: "pushKey",
  caller: "owner",
  summary: "The deployment's VAPID public key, which the inbox subscribes a device to Web Push with.",
  request: {},
  reply: pushKeyReply,
});

export const subscribe = defineAction({
  action: "subscribe",
  caller: "owner",
  summary: "Pushes the owner's notifications to this device's push subscription from now on (subscribing again renews it).",
  request: { subscription: pushSubscription },
  reply: subscribedReply,
});

export const unsubscribe = defineAction({
  action: "unsubscribe",
  caller: "owner",
  summary: "Stops pushing to the device that subscribed with this endpoint.",
  request: { endpoint: pushEndpoint },
  reply: unsubscribedReply,
});
