import { isEmailConfirmed, profileOf } from "../head.ts";
import type { ActionHandler } from "../action-handler.ts";
import { ownerAvailability } from "../business-hours.ts";
import { ownerPresence } from "../presence.ts";
import { fittedInbox } from "../reply-size.ts";

export const visitorHello: ActionHandler<"visitorHello"> = async ({ visitorId }, { store, origin, now, deps }) => {
  const [head, owner, , hours] = await Promise.all([
    store.heads.touchVisitor(visitorId, now),
    store.connections.ownerState(now),
    store.connections.bind(origin.connectionId, { role: "visitor", visitorId }, now),
    store.hours.read(),
  ]);
  return {
    type: "hello",
    serverTime: now,
    // As the presence pushes have it, so this tab and those already open agree.
    owner: ownerPresence(owner, now, deps.presenceTimes, ownerAvailability(hours, now)),
    visitor: head ? profileOf(head) : null,
    emailConfirmed: !!head && isEmailConfirmed(head),
    ownerSeenUpTo: head?.ownerSeenUpTo ?? null,
    ownerProfile: deps.ownerProfile,
    emailReplies: { enabled: deps.replyEmails.enabled, unsubscribed: head?.emailUnsubscribedAt !== undefined },
    retentionDays: deps.retentionDays,
    ...(deps.attachments ? { attachments: deps.attachments.policy } : {}),
  };
};

export const ownerHello: ActionHandler<"ownerHello"> = async ({ status, unread }, context) => {
  const [page, totals] = await Promise.all([
    context.store.inbox.page({ status: status ?? "open", unreadOnly: unread === true }, undefined),
    context.store.unreadTotal.read(),
    context.bindOwner(),
  ]);
  const { attachments } = context.deps;
  return fittedInbox(
    {
      type: "hello",
      serverTime: context.now,
      ...totals,
      retentionDays: context.deps.retentionDays,
      ...(attachments ? { attachments: attachments.policy } : {}),
    } as const,
    page,
    context.deps.refs(),
  );
};
