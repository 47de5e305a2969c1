import { link, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What a lock file says about the process that holds the data dir. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  /** Where it was asked to listen (`host:port`), when that was known up front. */
  address?: string;
}

/** Another running Porch uses this data dir. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.address ? `, listening on ${holder.address}` : "";
    const who = holder.pid === process.pid ? "this process" : `process ${holder.pid}`;
    super(
      `the data dir ${dataDir} is in use by another Porch (${who}, started ${holder.startedAt}${where}). ` +
        `Stop that one first, or set PORCH_DATA_DIR to another folder. ` +
        `If process ${holder.pid} is not Porch, delete ${lockFile}.`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  file: string;
  /** Removes the lock file, if it is still this process's. */
  release(): Promise<void>;
}

const lockFileName = "porch.lock";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Claims `dataDir` for this process: `porch.lock` in it names the process (PID, start time,
 * address). dynalite's storage cannot be opened twice; this makes a second Porch on the same
 * folder stop with a sentence naming the first, instead of a storage error. A lock whose process
 * is gone (the previous run was killed) is taken over.
 *
 * The file is created whole or not at all (written aside, then hard-linked into place), so a
 * reader never sees it half-written.
 */
export async function lockDataDir(dataDir: string, address?: string): Promise<DataDirLock> {
  const file = join(dataDir, lockFileName);
  const mine: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), ...(address ? { address } : {}) };
  const draft = join(dataDir, `${lockFileName}.${process.pid}`);
  await writeFile(draft, `${JSON.stringify(mine)}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(draft, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = await readHolder(file);
        if (holder && isRunning(holder.pid)) throw new DataDirLockedError(dataDir, file, holder);
        // Stale (its process is gone) or unreadable: take it over.
        await unlink(file).catch(() => {});
        continue;
      }
      // Two processes taking over the same stale lock at once: only the one named in it won.
      const holder = await readHolder(file);
      if (holder?.pid !== process.pid) {
        if (holder) throw new DataDirLockedError(dataDir, file, holder);
        continue;
      }
      return {
        file,
        async release() {
          if ((await readHolder(file))?.pid === process.pid) await unlink(file).catch(() => {});
        },
      };
    }
    throw new Error(`could not lock the data dir ${dataDir}: ${file} keeps changing`);
  } finally {
    await unlink(draft).catch(() => {});
  }
}
