/**
 * Every resource SST links to Porch's functions, declared once: its name (the component's in
 * sst.config.ts, `Resource.<name>` in a handler), its kind, the functions it is linked to and what
 * the local stack gives in its place. From this table:
 * - the handlers' `Resource` type: sst-links.d.ts merges `LinkedResources` into SST's;
 * - the deploy's `link:` lists: infra/functions.ts gives each function the rows that name it;
 * - the local stack's links: backend/local/links.ts sets `SST_RESOURCE_<name>` from each row's `local`.
 * verify:deploy checks the deploy against it: every function linked to exactly its rows, each
 * link of its row's kind with that kind's properties.
 */

/** The properties `Resource.<name>` holds for each kind of component SST links, besides `type` (the kind). */
export const linkProperties = {
  "sst.aws.Dynamo": ["name"],
  "sst.aws.ApiGatewayWebSocket": ["url", "managementEndpoint"],
  "sst.sst.Secret": ["value"],
  "sst.aws.Function": ["name"],
  "sst.aws.Queue": ["url"],
  "sst.aws.Bucket": ["name"],
} as const;

export type LinkKind = keyof typeof linkProperties;

/** What a handler reads from a link of `Kind`. */
export type LinkValue<Kind extends LinkKind> = { [Property in (typeof linkProperties)[Kind][number]]: string };

/**
 * The functions links go to (backend/handlers/routes.ts): `route` is every WebSocket route's
 * function, the others are `notifyFunction`, `jobsFunction`, `unsubscribeFunction` and `inboundFunction`
 * (which stores answers by email as a `send` would: it has the route's links).
 */
export type LinkedFunction = "route" | "notify" | "jobs" | "unsubscribe" | "inbound";

/** What the local stack stands up in the place of the linked resources (backend/local/stack.ts). */
export interface LocalStackParts {
  /** dynalite's table. */
  tableName: string;
  /** The API Gateway emulator: its WebSocket and its management API. */
  socketUrl: string;
  managementEndpoint: string;
  /** Given to the stack, from its `PORCH_*` variable, or generated once and kept in the data dir. */
  ownerPassword: string;
  linkSigningKey: string;
  /** `PORCH_NOTIFY_WEBHOOK`; empty: none. */
  notifyWebhook: string;
  /** The notify function's name at the local Lambda Invoke API. */
  notifyFunctionName: string;
  /** The local SQS API's URL of the jobs queue. */
  jobsQueueUrl: string;
  /** The attachments' bucket on the local S3. */
  attachmentsBucket: string;
}

interface Link<Kind extends LinkKind> {
  name: string;
  kind: Kind;
  linkedTo: readonly LinkedFunction[];
  local: (stack: LocalStackParts) => LinkValue<Kind>;
}

export const links = {
  table: {
    name: "PorchTable",
    kind: "sst.aws.Dynamo",
    linkedTo: ["route", "notify", "jobs", "unsubscribe", "inbound"],
    local: (stack) => ({ name: stack.tableName }),
  },
  socket: {
    name: "PorchSocket",
    kind: "sst.aws.ApiGatewayWebSocket",
    // The jobs function tells visitors the owner has gone.
    linkedTo: ["route", "jobs", "inbound"],
    local: (stack) => ({ url: stack.socketUrl, managementEndpoint: stack.managementEndpoint }),
  },
  ownerPassword: {
    name: "OwnerPassword",
    kind: "sst.sst.Secret",
    // Owner sessions, and the conversation references in notifications (the digest job's too).
    linkedTo: ["route", "jobs", "inbound"],
    local: (stack) => ({ value: stack.ownerPassword }),
  },
  linkSigningKey: {
    name: "LinkSigningKey",
    kind: "sst.sst.Secret",
    // The links of reply emails: made by the jobs function, opened by `resume` and the unsubscribe page.
    linkedTo: ["route", "jobs", "unsubscribe", "inbound"],
    local: (stack) => ({ value: stack.linkSigningKey }),
  },
  notifyWebhook: {
    name: "NotifyWebhook",
    kind: "sst.sst.Secret",
    linkedTo: ["notify"],
    local: (stack) => ({ value: stack.notifyWebhook }),
  },
  notify: {
    name: "PorchNotify",
    kind: "sst.aws.Function",
    // Invoked for the owner's notifications: by the message handler, and by the digest job.
    linkedTo: ["route", "jobs", "inbound"],
    local: (stack) => ({ name: stack.notifyFunctionName }),
  },
  jobs: {
    name: "PorchJobs",
    kind: "sst.aws.Queue",
    // The jobs function hands the rest of a long job to the queue it consumes.
    linkedTo: ["route", "jobs", "inbound"],
    local: (stack) => ({ url: stack.jobsQueueUrl }),
  },
  attachments: {
    name: "PorchAttachments",
    kind: "sst.aws.Bucket",
    // `upload` and `send` presign and mark uploads; the jobs check them and sweep them; answers
    // by email store their files.
    linkedTo: ["route", "jobs", "inbound"],
    local: (stack) => ({ name: stack.attachmentsBucket }),
  },
} as const satisfies Record<string, { [Kind in LinkKind]: Link<Kind> }[LinkKind]>;

export type LinkKey = keyof typeof links;
type Row<Key extends LinkKey> = (typeof links)[Key];

/** `Resource` as SST fills it in for the handlers: `Resource.<name>`, of its kind, with that kind's properties. */
export type LinkedResources = {
  [Key in LinkKey as Row<Key>["name"]]: { type: Row<Key>["kind"] } & LinkValue<Row<Key>["kind"]>;
};

/** The keys of the links a function gets. */
export type LinksOf<Target extends LinkedFunction> = {
  [Key in LinkKey]: Target extends Row<Key>["linkedTo"][number] ? Key : never;
}[LinkKey];

/** Every link's key, in the table's order. */
export const linkKeys = Object.keys(links) as LinkKey[];

/** The links a function gets, in the table's order. */
export function linksOf<Target extends LinkedFunction>(linkedFunction: Target): LinksOf<Target>[] {
  return linkKeys.filter((key) => (links[key].linkedTo as readonly LinkedFunction[]).includes(linkedFunction)) as LinksOf<Target>[];
}

/** `Resource.<name>` of each link, by its key. */
export const linkNames = Object.fromEntries(linkKeys.map((key) => [key, links[key].name])) as {
  [Key in LinkKey]: Row<Key>["name"];
};
