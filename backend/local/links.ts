import { links, type LocalStackParts } from "../handlers/links.ts";

/**
 * Hands the handlers their links the way `sst dev` does: `SST_RESOURCE_<Name>` environment
 * variables, which `Resource` from "sst" reads, one per row of the table of links
 * (backend/handlers/links.ts) with what its `local` makes of the stack's parts, and SST's app with
 * its stage (`Resource.App.stage`, which owner tokens and conversation references are bound to).
 * If `Resource` was already read in this process (a test that restarts the stack), its shared
 * cache is updated too.
 */
export function provideLinks({ appStage, ...parts }: LocalStackParts & { appStage: string }): void {
  const resources: Record<string, unknown> = { App: { name: "porch", stage: appStage } };
  for (const link of Object.values(links)) resources[link.name] = { type: link.kind, ...link.local(parts) };
  for (const [name, value] of Object.entries(resources)) process.env[`SST_RESOURCE_${name}`] = JSON.stringify(value);
  const cache = (globalThis as { __SST_RESOURCE_RAW__?: Record<string, unknown> }).__SST_RESOURCE_RAW__;
  if (cache) Object.assign(cache, resources);
}
