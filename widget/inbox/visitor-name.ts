import type { ConversationSummary } from "#protocol";

// Both lists read as tables, eight names a line.
// prettier-ignore
const adjectives = [
  "Amber", "Brave", "Calm", "Clever", "Curious", "Gentle", "Golden", "Happy",
  "Humble", "Jolly", "Kind", "Lively", "Lucky", "Merry", "Mellow", "Misty",
  "Nimble", "Patient", "Quiet", "Rosy", "Rustic", "Silver", "Sleepy", "Sunny",
  "Swift", "Tidy", "Velvet", "Wandering", "Warm", "Wise", "Witty", "Zesty",
];
// prettier-ignore
const animals = [
  "Badger", "Beaver", "Bison", "Crane", "Dolphin", "Falcon", "Ferret", "Finch",
  "Fox", "Gecko", "Hare", "Hedgehog", "Heron", "Ibis", "Koala", "Lark",
  "Lynx", "Marten", "Moose", "Newt", "Otter", "Owl", "Panda", "Puffin",
  "Quail", "Raven", "Robin", "Seal", "Stoat", "Swan", "Walrus", "Wren",
];

/** FNV-1a: a small, stable hash of the visitor id, so a name never changes between renders or tabs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A friendly name for an anonymous visitor, always the same for the same id: "Quiet Heron". */
export function friendlyName(visitorId: string): string {
  const h = hash(visitorId.toLowerCase());
  return `${adjectives[h % adjectives.length]} ${animals[(h >>> 8) % animals.length]}`;
}

/** How the inbox names a visitor: their nickname, else their email, else a friendly name. */
export function visitorName(row: Pick<ConversationSummary, "visitorId" | "nickname" | "email">): string {
  return row.nickname || row.email || friendlyName(row.visitorId);
}

/** A hue for the visitor's avatar, stable like the friendly name. */
export function visitorHue(visitorId: string): number {
  return hash(visitorId.toLowerCase()) % 360;
}
