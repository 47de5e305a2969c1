/**
 * Where the local jobs queue keeps its messages between runs of the stack, as SQS keeps them
 * while no poller runs: one JSON file in the data dir, replaced whole (a write to a side file,
 * then a rename) each time a message is sent, received or deleted, so a `kill -9` at any moment
 * leaves either the old or the new contents, never half of one.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { QueuedMessage } from "./queue.ts";

/** What the file holds: the messages waiting, delayed or in flight, and the dead letters. */
export interface KeptQueue {
  messages: QueuedMessage[];
  deadLetters: QueuedMessage[];
}

/** The file's format, so a later change can tell an older file from its own. */
const formatVersion = 1;

/** The file cannot be read as a kept queue: the stack stops rather than drop the jobs in it. */
export class QueueFileError extends Error {
  override readonly name = "QueueFileError";
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`the jobs queue's file ${file} ${reason}: move it away to start with an empty queue`, options);
  }
}

function isQueuedMessage(value: unknown): value is QueuedMessage {
  const message = value as Partial<QueuedMessage> | null;
  return (
    typeof message?.messageId === "string" &&
    typeof message.body === "string" &&
    typeof message.sentAtMs === "number" &&
    typeof message.visibleAtMs === "number" &&
    typeof message.receiveCount === "number"
  );
}

/**
 * The messages kept in `file`, without their receipt handles (a handle of an earlier run deletes
 * nothing, as a handle SQS gave a poller that died); an empty queue when there is no file yet.
 */
export function readKeptQueue(file: string): KeptQueue {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { messages: [], deadLetters: [] };
    throw new QueueFileError(file, "cannot be read", { cause: error });
  }
  let kept: { version?: unknown; messages?: unknown; deadLetters?: unknown };
  try {
    kept = JSON.parse(text) as typeof kept;
  } catch (error) {
    throw new QueueFileError(file, "is not JSON", { cause: error });
  }
  const { version, messages, deadLetters } = kept;
  if (version !== formatVersion || !Array.isArray(messages) || !Array.isArray(deadLetters)) {
    throw new QueueFileError(file, `is not a version ${formatVersion} queue`);
  }
  const read = (list: unknown[]): QueuedMessage[] => {
    if (!list.every(isQueuedMessage)) throw new QueueFileError(file, "holds a message it cannot read");
    return list.map(({ receiptHandle: _handle, ...message }) => message);
  };
  return { messages: read(messages as unknown[]), deadLetters: read(deadLetters as unknown[]) };
}

/** Replaces `file` with the queue's messages now. */
export function writeKeptQueue(file: string, queue: KeptQueue): void {
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, JSON.stringify({ version: formatVersion, ...queue }));
  renameSync(draft, file);
}
