/**
 * Settings the deploy must refuse: each set in the environment that `sst.config.ts` reads, the
 * deploy's settings (infra/settings.ts, the first thing its `run()` does) must throw its message,
 * so the deploy stops before a resource is made.
 */
import { pushAllowVariable } from "#backend/notify/push-services.ts";
import { sesReceivingRegions } from "#backend/email/settings.ts";

/**
 * infra/settings.ts, loaded when the check runs: it is typed against SST's platform
 * (tsconfig.sst.json, step 1), which this project's own typecheck leaves out.
 */
const settingsModule: string = "#infra/settings.ts";

const refusals: { what: string; env: Record<string, string>; message: string }[] = [
  {
    what: "a stand-in push service (the local stack's tests only)",
    env: { [pushAllowVariable]: "127.0.0.1:9000" },
    message: `${pushAllowVariable} is for the local stack's tests only`,
  },
  {
    what: "answers by email in a region where SES receives no email",
    env: { PORCH_EMAIL_SENDER: "example.com", PORCH_INBOUND_DOMAIN: "reply.example.com", PORCH_AWS_REGION: "eu-north-1" },
    message: `needs SES email receiving, which eu-north-1 does not have: it exists in ${sesReceivingRegions.join(", ")}`,
  },
  {
    what: "answers by email to a domain other than the sender's",
    env: { PORCH_EMAIL_SENDER: "example.com", PORCH_INBOUND_DOMAIN: "reply.elsewhere.example" },
    message: "PORCH_INBOUND_DOMAIN must be PORCH_EMAIL_SENDER's domain or a subdomain of it",
  },
];

/** The failures: a setting the deploy took, or refused with other words. */
export async function assertRefusals(): Promise<string[]> {
  const { deploySettings } = (await import(settingsModule)) as { deploySettings: () => unknown };
  const failures: string[] = [];
  for (const refusal of refusals) {
    const saved = Object.fromEntries(Object.keys(refusal.env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, refusal.env);
    try {
      deploySettings();
      failures.push(`the deploy takes ${refusal.what} (${JSON.stringify(refusal.env)})`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!message.includes(refusal.message)) failures.push(`the deploy refuses ${refusal.what} with other words: ${message}`);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }
  return failures;
}
