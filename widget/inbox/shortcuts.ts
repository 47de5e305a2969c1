import type { InboxStrings } from "./strings.ts";

/** What the inbox's single-key shortcuts do. */
export type ShortcutAction = "next" | "previous" | "done" | "search" | "reply" | "help";

/** Each shortcut: its key, what it does, and the words that list it (`?`). */
export const shortcuts = [
  { key: "j", action: "next", label: "shortcutNext" },
  { key: "k", action: "previous", label: "shortcutPrevious" },
  { key: "e", action: "done", label: "shortcutDone" },
  { key: "/", action: "search", label: "shortcutSearch" },
  { key: "r", action: "reply", label: "shortcutReply" },
  { key: "?", action: "help", label: "shortcutHelp" },
] as const satisfies readonly { key: string; action: ShortcutAction; label: keyof InboxStrings }[];

/** Where a key is text being typed (a field, an editable element), not a shortcut. */
function isTyping(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(target.type))
  );
}

/**
 * The shortcut a key press asks for, or null: never while the owner types in a field (the event's
 * first target, inside any shadow root), nor with Ctrl, Alt or Meta (the browser's and the
 * system's), nor when something already handled the key.
 */
export function shortcutOf(event: KeyboardEvent): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return null;
  if (isTyping(event.composedPath()[0])) return null;
  return shortcuts.find((shortcut) => shortcut.key === event.key)?.action ?? null;
}
