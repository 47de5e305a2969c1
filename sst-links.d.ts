/*
 * The shape of the resources SST links to Porch's handlers (see sst.config.ts), for `npm run
 * typecheck`. Not sst-env.d.ts: SST rewrites that file on every deploy, so it is left untracked
 * (.gitignore) and out of the typecheck; verify:deploy checks this one names every link.
 */
import "sst";
declare module "sst" {
  export interface Resource {
    PorchTable: { type: "sst.aws.Dynamo"; name: string };
    PorchSocket: { type: "sst.aws.ApiGatewayWebSocket"; url: string; managementEndpoint: string };
    OwnerPassword: { type: "sst.sst.Secret"; value: string };
    LinkSigningKey: { type: "sst.sst.Secret"; value: string };
    NotifyWebhook: { type: "sst.sst.Secret"; value: string };
    OwnerEmail: { type: "sst.sst.Secret"; value: string };
    PorchNotify: { type: "sst.aws.Function"; name: string };
    PorchJobs: { type: "sst.aws.Queue"; url: string };
  }
}
export {};
