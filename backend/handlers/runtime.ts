import { Resource } from "sst";
import { Chat } from "../chat/chat.ts";
import { LambdaNotifier } from "../notify/lambda-notifier.ts";
import { ManagementApiPusher } from "../push/pusher.ts";
import { DynamoChatStore } from "../store/store.ts";

/**
 * The chat as a handler sees it, built from what SST links to the function (on AWS) or what the
 * local stack sets the same way. Built once per warm container; rebuilt only if the links change
 * (which happens in tests that restart the local stack, never on AWS).
 */
let built: { key: string; chat: Chat } | undefined;

export function chat(): Chat {
  const tableName = Resource.PorchTable.name;
  const endpoint = Resource.PorchSocket.managementEndpoint;
  const ownerPassword = Resource.OwnerPassword.value;
  const notifyFunction = Resource.PorchNotify.name;
  const key = JSON.stringify([
    tableName,
    endpoint,
    ownerPassword,
    notifyFunction,
    process.env.AWS_ENDPOINT_URL_DYNAMODB,
    process.env.AWS_ENDPOINT_URL_LAMBDA,
  ]);
  if (built?.key !== key) {
    built = {
      key,
      chat: new Chat({
        store: new DynamoChatStore({ tableName }),
        pusher: new ManagementApiPusher({ endpoint }),
        ownerPassword,
        notifier: new LambdaNotifier(notifyFunction),
      }),
    };
  }
  return built.chat;
}
