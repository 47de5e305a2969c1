/// <reference path="../.sst/platform/config.d.ts" />
import { cacheControl, declaredFiles, devSiteUrl, purgeEarlierReleases, siteHeaders, stableFiles } from "./hosting.ts";
import type { DeploySettings } from "./settings.ts";

/**
 * The Porch site on S3 and CloudFront: the widget (`porch.js` and the chunk it loads) and the
 * owner's inbox, built with the socket's URL baked in and served with infra/hosting.ts's headers
 * and cache lifetimes, on CloudFront's domain or the owner's own (PORCH_SITE_DOMAIN).
 *
 * `functionsDeployed` resolves once the functions the widget and the inbox talk to are deployed:
 * the build (and so the upload of the new files) waits for it, so a new porch.js never reaches
 * browsers before the handlers that answer it. Only the build waits: the distribution, whose URL
 * the notify function needs, does not depend on it.
 */
export function site(socket: sst.aws.ApiGatewayWebSocket, settings: DeploySettings["site"], functionsDeployed: $util.Input<string>) {
  const headersPolicy = siteHeadersPolicy();
  const staticSite = new sst.aws.StaticSite("PorchSite", {
    build: { command: "npm run build", output: "dist" },
    // The widget build bakes the endpoint into porch.js and inbox.html; the other variable only orders the build.
    environment: { PORCH_ENDPOINT: socket.url, PORCH_FUNCTIONS_DEPLOYED: functionsDeployed },
    // Route 53 makes the certificate and the records; for DNS elsewhere, the owner's certificate (docs/deploy.md).
    ...(settings.domain
      ? { domain: settings.cert ? { name: settings.domain, dns: false as const, cert: settings.cert } : settings.domain }
      : {}),
    // `sst dev` deploys no site: it runs this instead, which builds with the dev stage's
    // endpoint and serves dist/ from this machine with the same headers (docs/deploy.md).
    dev: { command: "npm run dev:site", url: devSiteUrl, title: "Porch site" },
    assets: {
      // A page opened before this deploy still loads the chunk its porch.js names.
      purge: purgeEarlierReleases,
      fileOptions: [
        // Hashed chunks never change under the same name.
        { files: "**", cacheControl: cacheControl.hashed },
        // porch.js, the inbox and its page keep their URLs across deploys: browsers re-check
        // them every 5 minutes, so a deploy reaches every visitor within that time.
        { files: [...stableFiles], cacheControl: cacheControl.stable },
        // The manifest's registered type, and the service worker, re-checked on every visit.
        ...Object.entries(declaredFiles).map(([file, options]) => ({ files: file, ...options })),
      ],
    },
    transform: {
      cdn(args) {
        if (!headersPolicy) return;
        const policyId = headersPolicy.id;
        args.defaultCacheBehavior = $output(args.defaultCacheBehavior).apply((behavior) => ({
          ...behavior,
          responseHeadersPolicyId: policyId,
        }));
      },
    },
  });
  return { scriptUrl: $interpolate`${staticSite.url}/porch.js`, inboxUrl: $interpolate`${staticSite.url}/inbox.html` };
}

/*
 * The headers of infra/hosting.ts on every response of the site. StaticSite's distribution
 * has no response headers policy of its own, and its bucket's CORS rule never answers
 * (CloudFront does not forward `Origin` to S3), so without this a blog on another origin
 * cannot run porch.js. One policy for the whole distribution rather than a behavior per
 * path: SST's request function serves inbox.html under /inbox and percent-encoded
 * spellings too, which a path pattern would miss. A response headers policy rather than a
 * viewer-response function: CloudFront applies it without running code, and verify:deploy
 * can check it field by field on the distribution. None under `sst dev`, which deploys no site.
 */
function siteHeadersPolicy(): aws.cloudfront.ResponseHeadersPolicy | undefined {
  if ($dev) return undefined;
  // No `name`: policy names are the account's, across regions, so Pulumi makes one (a stage
  // deployed to a second region, or a second stage, never collides with this one).
  return new aws.cloudfront.ResponseHeadersPolicy("PorchSiteHeaders", {
    comment: "Porch: CORS for the widget's scripts, no framing, nosniff",
    corsConfig: {
      accessControlAllowOrigins: { items: [siteHeaders.allowOrigin] },
      accessControlAllowMethods: { items: ["GET", "HEAD"] },
      accessControlAllowHeaders: { items: ["*"] },
      accessControlAllowCredentials: false,
      originOverride: true,
    },
    securityHeadersConfig: {
      contentSecurityPolicy: { contentSecurityPolicy: siteHeaders.contentSecurityPolicy, override: true },
      frameOptions: { frameOption: siteHeaders.frameOptions, override: true },
      contentTypeOptions: { override: true },
    },
  });
}
