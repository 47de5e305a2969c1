import type { ChatMessage } from "#protocol";

/*
 * A conversation as plain text, for the owner's "Download as text": loaded on first use
 * (`import()` from <porch-inbox>), so the inbox's first load does not carry it.
 */

/** `2026-12-06 09:14 UTC`: the same in every time zone, sortable. */
const utcMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The transcript: `heading`, a blank line, then one entry per message, oldest first (its time,
 * who wrote it, and its text, each further line of it indented so entries stay apart).
 */
export function transcriptText(heading: string, messages: readonly ChatMessage[], names: { visitor: string; owner: string }): string {
  const entries = messages.map(
    (message) => `[${utcMinute(message.sentAt)}] ${names[message.from]}: ${message.text.replaceAll(/\r?\n/g, "\n    ")}`,
  );
  return `${heading}\n\n${entries.join("\n")}\n`;
}

/** Saves text as a file through the browser's download. */
export function downloadText(fileName: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: "text/plain;charset=utf-8" }));
}

/** Saves a Blob as a file through the browser's download (a link to it, clicked once). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
