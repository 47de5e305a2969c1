/**
 * `npm run dev:site`: what `npx sst dev` runs for the Porch site instead of deploying it
 * (sst.config.ts, StaticSite's `dev`). `npm run build` has baked in the dev stage's WebSocket
 * (PORCH_ENDPOINT, which SST passes); this serves dist/ from this machine at the URL SST reports
 * for the site (infra/hosting.ts's devSiteUrl), with the same headers CloudFront sends, and the
 * demo blog on the next port, embedding the widget from there.
 */
import { fileURLToPath } from "node:url";
import { declaredFiles, devSiteUrl, siteResponseHeaders } from "#infra/hosting.ts";
import { startDemoSite } from "./demo-site.ts";
import { startStaticServer } from "./static.ts";

const endpoint = process.env.PORCH_ENDPOINT;
if (!endpoint) {
  console.error("porch: PORCH_ENDPOINT is not set. `npx sst dev` sets it; to try this alone, set it to a wss:// URL.");
  process.exit(2);
}

const { hostname, port } = new URL(devSiteUrl);
const site = await startStaticServer([fileURLToPath(new URL("../../dist", import.meta.url))], {
  host: hostname,
  port: Number(port),
  headers: siteResponseHeaders,
  contentTypes: declaredFiles,
}).catch((error: NodeJS.ErrnoException) => {
  console.error(`porch: cannot serve the site at ${devSiteUrl}: ${error.code === "EADDRINUSE" ? "the port is taken" : error.message}`);
  process.exit(1);
});
const blog = await startDemoSite({ scriptUrl: `${site.url}porch.js`, endpoint, host: hostname, port: Number(port) + 1 }).catch(() => null);

console.log(`
  Porch site (sst dev)   ${site.url}  (porch.js, inbox.html)
  Owner inbox            ${site.url}inbox.html
  Demo blog page         ${blog ? blog.url : "not running (its port is taken)"}
  WebSocket              ${endpoint}  (the dev stage's, on AWS)
`);

const stop = async () => {
  await blog?.close();
  await site.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
