/*
 * The shape of the resources SST links to Porch's handlers, for `npm run typecheck`: derived from
 * the one table of links (backend/handlers/links.ts). Not sst-env.d.ts: SST rewrites that file on
 * every deploy, so it is left untracked (.gitignore) and out of the typecheck; verify:deploy checks
 * that the deploy links what the table says.
 */
import type { LinkedResources } from "#backend/handlers/links.ts";
import "sst";
declare module "sst" {
  // An interface, not a type: SST's `Resource` is merged with this one.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface Resource extends LinkedResources {}
}
export {};
