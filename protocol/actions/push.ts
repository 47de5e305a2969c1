import * as v from "valibot";
import { defineAction } from "../action.ts";
import { browserLabel, deviceId, pushEndpoint, pushSubscription } from "../fields.ts";
import { deviceRemovedReply, devicesReply, pushKeyReply, subscribedReply, unsubscribedReply } from "../frames.ts";

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
  request: { subscription: pushSubscription, browser: browserLabel },
  reply: subscribedReply,
});

export const unsubscribe = defineAction({
  action: "unsubscribe",
  caller: "owner",
  summary: "Stops pushing to the device that subscribed with this endpoint.",
  request: { endpoint: pushEndpoint },
  reply: unsubscribedReply,
});

export const devices = defineAction({
  action: "devices",
  caller: "owner",
  summary: "The devices that get the owner's notifications: which browser, when added, when last pushed to (`endpoint` marks this one).",
  request: { endpoint: v.optional(pushEndpoint) },
  reply: devicesReply,
});

export const removeDevice = defineAction({
  action: "removeDevice",
  caller: "owner",
  summary: "Stops pushing to one of the devices `devices` lists.",
  request: { deviceId },
  reply: deviceRemovedReply,
});
