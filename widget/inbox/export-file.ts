import type { BusinessHours, ExportedConversation, ExportPageReply, SavedReply } from "#protocol";
import { downloadBlob } from "./transcript.ts";

/*
 * The owner's "Export everything (JSON)": the `export` pages written to a file as they come, in
 * the format docs/data-model.md ("Exports") describes. Loaded on first use with its dialog.
 */

/** What the file says it is: a reader refuses another format or a version it does not know. */
export const exportFormat = { format: "porch-export", version: 1 } as const;

/** Where the file's text goes, piece by piece. */
export interface ExportSink {
  write(text: string): Promise<void>;
  /** The file is complete: keep it. */
  close(): Promise<void>;
  /** The export stopped: keep nothing. */
  abort(): Promise<void>;
}

interface WritableFile {
  write(data: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
type SaveFilePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<{ createWritable(): Promise<WritableFile> }>;

/**
 * A file to write the export to: where the browser lets the page stream to a file the owner picks
 * (the File System Access API), that file; else the pieces, downloaded as one file at the end.
 * Null when the owner closed the file picker.
 */
export async function saveSink(fileName: string): Promise<ExportSink | null> {
  const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (picker) {
    let file: WritableFile;
    try {
      const handle = await picker({ suggestedName: fileName, types: [{ description: "JSON", accept: { "application/json": [".json"] } }] });
      file = await handle.createWritable();
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return null;
      throw error;
    }
    return { write: (text) => file.write(text), close: () => file.close(), abort: () => file.abort() };
  }
  const pieces: string[] = [];
  return {
    write: async (text) => void pieces.push(text),
    close: async () => downloadBlob(fileName, new Blob(pieces, { type: "application/json" })),
    abort: async () => void pieces.splice(0),
  };
}

/** A conversation as the file holds it: its row but the `ref`, its messages and notes oldest first, without the visitor id each. */
function fileConversation({ conversation, messages, notes }: ExportedConversation) {
  const { ref: _ref, ...row } = conversation;
  return {
    ...row,
    messages: messages.map(({ visitorId: _visitorId, ...message }) => message).reverse(),
    notes: notes.map(({ visitorId: _visitorId, ...note }) => note).reverse(),
  };
}

/** The file, as docs/data-model.md ("Exports") describes it. */
export type ExportFile = typeof exportFormat & {
  exportedAt: number;
  savedReplies: SavedReply[];
  hours?: BusinessHours;
  conversations: ReturnType<typeof fileConversation>[];
};

/**
 * Writes every page to `sink`, one whole conversation at a time (a conversation that spans pages
 * is held until its last), and tells `progress` how many conversations it has so far. Stops with
 * the signal's reason when it is aborted. Answers how many conversations the file holds.
 */
export async function writeExport(
  pages: (cursor: string | undefined) => Promise<ExportPageReply>,
  sink: ExportSink,
  progress: (conversations: number) => void,
  signal: AbortSignal,
): Promise<number> {
  let held: ExportedConversation | null = null;
  let written = 0;
  const flush = async () => {
    if (held) await sink.write(`${written++ ? "," : ""}\n${JSON.stringify(fileConversation(held))}`);
    held = null;
  };
  let cursor: string | undefined;
  let first = true;
  do {
    signal.throwIfAborted();
    const page = await pages(cursor);
    signal.throwIfAborted();
    if (first) {
      const header = JSON.stringify({ ...exportFormat, exportedAt: Date.now(), savedReplies: page.savedReplies ?? [], hours: page.hours });
      await sink.write(`${header.slice(0, -1)},"conversations":[`);
      first = false;
    }
    for (const entry of page.conversations) {
      const same: ExportedConversation | null =
        entry.continued && held?.conversation.visitorId === entry.conversation.visitorId ? held : null;
      if (same) {
        same.messages.push(...entry.messages);
        same.notes.push(...entry.notes);
        continue;
      }
      await flush();
      held = { conversation: entry.conversation, messages: [...entry.messages], notes: [...entry.notes] };
    }
    progress(written + (held ? 1 : 0));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  await flush();
  await sink.write("\n]}\n");
  return written;
}
