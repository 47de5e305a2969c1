/**
 * Splits a V8 CPU profile of the stack process between the gateway emulator and the handlers.
 * Each sample is charged to the innermost frame on its stack that belongs to a known part, so Node's
 * own code (JSON, sockets, HTTP) counts for whoever called it; samples with no such frame are
 * "node runtime" (event loop, socket reads before any listener ran, timers), GC is its own line.
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
  samples: number[];
}

export type CpuShares = Record<"gateway" | "handlers" | "node runtime" | "garbage collection", number>;

function partOf(url: string): keyof CpuShares | undefined {
  if (url.includes("/backend/local/") || url.includes("/node_modules/ws/")) return "gateway";
  if (url.includes("/backend/") || /\/node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws|sst|fast-xml-parser|tslib|uuid)\//.test(url)) {
    return "handlers";
  }
  return undefined;
}

/** Shares of the busy (non-idle) samples, each from 0 to 1. */
export function cpuShares(profile: CpuProfile): CpuShares {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const partCache = new Map<number, keyof CpuShares>();
  const part = (id: number): keyof CpuShares => {
    const cached = partCache.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    const found: keyof CpuShares =
      name === "(garbage collector)"
        ? "garbage collection"
        : (partOf(node.callFrame.url) ?? (parent.has(id) ? part(parent.get(id)!) : "node runtime"));
    partCache.set(id, found);
    return found;
  };
  const counts: CpuShares = { gateway: 0, handlers: 0, "node runtime": 0, "garbage collection": 0 };
  let busy = 0;
  for (const id of profile.samples) {
    if (byId.get(id)?.callFrame.functionName === "(idle)") continue;
    counts[part(id)]++;
    busy++;
  }
  for (const key of Object.keys(counts) as (keyof CpuShares)[]) counts[key] = busy ? counts[key] / busy : 0;
  return counts;
}
