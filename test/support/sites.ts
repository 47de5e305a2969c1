import { join } from "node:path";
import { after, before } from "node:test";
import { startDemoSite } from "#backend/local/demo-site.ts";
import { repoRoot, type Stack } from "#backend/local/stack.ts";
import { startStaticServer, type StaticServer } from "#backend/local/static.ts";

/**
 * The demo blog for the enclosing suite, on its own origin (another port), embedding the widget
 * from the suite's stack: porch.js and the WebSocket are cross-origin, as on a real site.
 */
export function useDemoSite(ctx: { readonly stack: Stack }): { readonly site: StaticServer } {
  const holder = {} as { site: StaticServer };
  before(async () => {
    holder.site = await startDemoSite({
      scriptUrl: `${ctx.stack.url}porch.js`,
      endpoint: ctx.stack.socketUrl,
      attachmentsOrigin: ctx.stack.s3.endpoint,
    });
  });
  after(async () => {
    await holder.site?.close();
  });
  return holder;
}

/**
 * The built dist/ on a host that sends none of the Porch site's headers (no CORS, no
 * frame-ancestors): the same files, served the way a plain web server would.
 */
export function startPlainHost(): Promise<StaticServer> {
  return startStaticServer([join(repoRoot, "dist")]);
}
