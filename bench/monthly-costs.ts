/**
 * What a month of Porch costs a site, from the benchmark's measured units per action (costs.ts,
 * the run with 10,000 conversations) at AWS list prices (`prices`, us-east-1), for three sites: a
 * quiet blog, a busy one and a shop, and what is billed at rest. `npm run bench:costs` prints it;
 * docs/deploy.md ("What it costs") shows it. A conversation is `conversation` below: every figure
 * that is not measured is an assumption, named there.
 */
import { settings as widgetSettings } from "#widget/chat/settings.ts";
import { ownerPingIntervalMs } from "#widget/inbox/owner-session.ts";
import type { ActionCost, CostReport } from "./costs.ts";

/**
 * List prices, US East (N. Virginia), as docs/deploy.md quotes them (read 2026-11-22), before any
 * free tier: per unit, in US dollars.
 */
export const prices = {
  apiGatewayMessage: 1.0 / 1e6,
  apiGatewayConnectionMinute: 0.25 / 1e6,
  lambdaRequest: 0.2 / 1e6,
  /** arm64. */
  lambdaGbSecond: 0.0000133334,
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  dynamoGbMonth: 0.25,
  pitrGbMonth: 0.2,
  sqsRequest: 0.4 / 1e6,
  sesEmail: 0.1 / 1000,
  logsIngestedGb: 0.5,
  logsStoredGbMonth: 0.03,
  s3GbMonth: 0.023,
  cloudFrontRequest: 0.01 / 10_000,
  cloudFrontFunction: 0.1 / 1e6,
  cloudFrontKvsRead: 0.03 / 1e6,
  alarmMetricMonth: 0.1,
} as const;

/** Assumptions about a deployed function's run, not measured here (the bench runs the handlers on this machine). */
const lambda = { memoryGb: 1, warmRunS: 0.1 };

/**
 * One conversation: a visitor opens the chat and writes three messages (the first while the owner
 * is away: it notifies them), typing before each; the owner opens the inbox, reads it and answers
 * three times; both keep their page open ten minutes. One in three visitors left an address and
 * is emailed a reply they missed. Twenty page views load porch.js for each conversation (one in
 * twenty visitors opens the chat).
 */
/** The inbox's pings in the ten minutes it is open. */
const ownerPings = 10 / (ownerPingIntervalMs / 60_000);

const conversation = {
  actions: {
    "visitor hello": 1,
    "visitor send, owner offline, notifying": 1,
    "visitor send, owner online": 2,
    "typing (visitor, relayed to the owner)": 6,
    "owner hello": 1,
    "inbox (owner, one page)": 1,
    "list (owner, one page, with each message's page)": 1,
    "owner send": 3,
    "visitor ping": 10 / (widgetSettings.pingInterval / 60_000),
    "owner ping": ownerPings,
    // Each owner hello and ping puts one on the queue, run a lease later.
    "owner's lease job (each hello's and ping's; the owner is there)": 1 + ownerPings,
    // As measured, with ten visitor tabs open to tell: more than a quiet site has.
    "owner leaves (disconnect; the away job tells the visitor tabs)": 1,
  },
  connectionMinutes: 2 * 10,
  /** `$connect` and `$disconnect` of both sides: an invocation each. */
  connectionInvocations: 4,
  /** The visitor's disconnect deletes its binding: the item and its two index entries (estimated, not measured). */
  disconnectWriteUnits: 3,
  replyEmails: 1 / 3,
  pageViews: 20,
  /** Bytes of CloudWatch Logs per function run (Lambda's START/END/REPORT lines and Porch's own) and per access-log line. */
  logBytesPerRun: 600,
  /** What the table keeps of a conversation: its head, six messages, their index copies. */
  storedBytes: 6_000,
};

/**
 * The owner's notification emails (PORCH_OWNER_EMAIL): per 10-minute window the first three
 * conversations are emailed at once and any more in one digest (backend/chat/notify-owner.ts), so
 * with conversations spread evenly over the month's 4,320 windows a busy site sends fewer
 * emails than it has conversations.
 */
function ownerEmails(conversations: number): number {
  const windows = 30 * 24 * 6;
  const perWindow = conversations / windows;
  return windows * (Math.min(perWindow, 3) + Math.min(Math.max(perWindow - 3, 0), 1));
}

/** The sites costed. */
export const sites = [
  { name: "a quiet blog", conversations: 100 },
  { name: "a busy blog", conversations: 5_000 },
  { name: "a shop", conversations: 50_000 },
] as const;

/** At rest: the site's files (well under a megabyte), and the alarms (PORCH_OWNER_EMAIL set: 8 alarm metrics, infra/alarms.ts). */
const atRest = { siteGb: 0.001, alarmMetrics: 8, keptConversations: 10_000 };

/** Dollars a month, by what is billed, for `conversations` a month. */
export function monthlyCost(report: CostReport, conversations: number): Record<string, number> {
  const action = (name: string): ActionCost => {
    const found = report.actions.find((candidate) => candidate.action === name);
    if (!found) throw new Error(`the bench measured no "${name}"`);
    return found;
  };
  let messages = 0;
  let runs = conversation.connectionInvocations;
  let writeUnits = conversation.disconnectWriteUnits;
  let readUnits = 0;
  for (const [name, count] of Object.entries(conversation.actions)) {
    const measured = action(name);
    // The frame in, its reply out, and every push to the other side's connections.
    messages += count * (2 + measured.managementCalls);
    runs += count * (name.includes("notifying") || name.includes("away job") ? 2 : 1);
    writeUnits += count * (measured.realWriteUnits + measured.realIndexWriteUnits);
    readUnits += count * measured.realReadUnits;
  }
  // Each job on the queue is an SQS send, receive and delete.
  const leaseJobs = conversation.actions["owner's lease job (each hello's and ping's; the owner is there)"];
  // A reply email: its job's SQS send, receive and delete, one run of the jobs function, the claim and the record.
  runs += conversation.replyEmails;
  writeUnits += conversation.replyEmails * 2;
  readUnits += conversation.replyEmails;
  const storedGb = (conversations * conversation.storedBytes) / 1e9;
  const logGb = (conversations * (runs + messages) * conversation.logBytesPerRun) / 1e9;
  return {
    "API Gateway":
      conversations * (messages * prices.apiGatewayMessage + conversation.connectionMinutes * prices.apiGatewayConnectionMinute),
    Lambda: conversations * runs * (prices.lambdaRequest + lambda.memoryGb * lambda.warmRunS * prices.lambdaGbSecond),
    DynamoDB: conversations * (writeUnits * prices.dynamoWriteUnit + readUnits * prices.dynamoReadUnit),
    "SQS (reply-email and lease jobs)": conversations * (conversation.replyEmails + leaseJobs) * 3 * prices.sqsRequest,
    "SES (reply emails, the owner's)": (conversations * conversation.replyEmails + ownerEmails(conversations)) * prices.sesEmail,
    CloudFront: conversations * conversation.pageViews * (prices.cloudFrontRequest + prices.cloudFrontFunction + prices.cloudFrontKvsRead),
    "CloudWatch Logs": logGb * (prices.logsIngestedGb + prices.logsStoredGbMonth),
    "storage (a month's conversations)": storedGb * (prices.dynamoGbMonth + prices.pitrGbMonth),
  };
}

/** Dollars a month with nobody chatting. */
export function restingCost(): Record<string, number> {
  return {
    "the site's files (S3)": atRest.siteGb * prices.s3GbMonth,
    [`the table, per ${atRest.keptConversations.toLocaleString("en")} conversations kept (with point-in-time recovery)`]:
      ((atRest.keptConversations * conversation.storedBytes) / 1e9) * (prices.dynamoGbMonth + prices.pitrGbMonth),
    "alarms (with PORCH_OWNER_EMAIL)": atRest.alarmMetrics * prices.alarmMetricMonth,
  };
}

/** `value` dollars, to the cent, or to the hundredth of a cent below one cent. */
export const dollars = (value: number) => {
  if (value >= 0.01 || value === 0) return `$${value.toFixed(2)}`;
  return value < 0.0001 ? "< $0.0001" : `$${value.toFixed(4)}`;
};
