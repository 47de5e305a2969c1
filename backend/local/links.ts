import { linkNames } from "../handlers/routes.ts";

/** The values SST links to the handlers on AWS; the local stack provides the same ones. */
export interface LocalLinks {
  tableName: string;
  socketUrl: string;
  managementEndpoint: string;
  ownerPassword: string;
  linkSigningKey: string;
  notifyWebhook: string;
  /** The owner's address for notification emails (`PORCH_OWNER_EMAIL`); empty: none. */
  ownerEmail: string;
  notifyFunctionName: string;
  jobsQueueUrl: string;
  /** SST's stage (`Resource.App.stage`), which owner tokens and conversation references are bound to. */
  appStage: string;
}

/**
 * Hands the handlers their links the way `sst dev` does: `SST_RESOURCE_<Name>` environment
 * variables, which `Resource` from "sst" reads. If `Resource` was already read in this process
 * (a test that restarts the stack), its shared cache is updated too.
 */
export function provideLinks(links: LocalLinks): void {
  const resources: Record<string, unknown> = {
    App: { name: "porch", stage: links.appStage },
    [linkNames.table]: { type: "sst.aws.Dynamo", name: links.tableName },
    [linkNames.socket]: {
      type: "sst.aws.ApiGatewayWebSocket",
      url: links.socketUrl,
      managementEndpoint: links.managementEndpoint,
    },
    [linkNames.ownerPassword]: { type: "sst.sst.Secret", value: links.ownerPassword },
    [linkNames.linkSigningKey]: { type: "sst.sst.Secret", value: links.linkSigningKey },
    [linkNames.notifyWebhook]: { type: "sst.sst.Secret", value: links.notifyWebhook },
    [linkNames.ownerEmail]: { type: "sst.sst.Secret", value: links.ownerEmail },
    [linkNames.notify]: { type: "sst.aws.Function", name: links.notifyFunctionName },
    [linkNames.jobs]: { type: "sst.aws.Queue", url: links.jobsQueueUrl },
  };
  for (const [name, value] of Object.entries(resources)) process.env[`SST_RESOURCE_${name}`] = JSON.stringify(value);
  const cache = (globalThis as { __SST_RESOURCE_RAW__?: Record<string, unknown> }).__SST_RESOURCE_RAW__;
  if (cache) Object.assign(cache, resources);
}
