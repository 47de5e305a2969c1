import type { SavedReplies } from "../chat/ports.ts";
import type { SavedReply } from "#protocol";
import type { SavedRepliesItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

const key = { pk: keys.savedRepliesPk, sk: keys.savedRepliesSk };

/**
 * Tries a change may make before it gives up: each refusal means another change went through, so
 * only more changes at once than that, all to the saved replies, could make one give up.
 */
const attemptsMax = 40;

/** Before trying again: a random wait that grows, so changes that collided spread apart. */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));

/**
 * The owner's saved replies (docs/data-model.md, "Saved replies"): all of them in one item, so
 * that `replies` is one read and the cap on how many holds in the write's own condition. Each
 * change reads the item and writes it back on condition that its version is still the one read.
 */
export class DynamoSavedReplies implements SavedReplies {
  constructor(private readonly table: Table) {}

  async list(): Promise<SavedReply[]> {
    return (await this.table.get<SavedRepliesItem>(key))?.replies ?? [];
  }

  save(reply: SavedReply, max: number): Promise<SavedReply[] | null> {
    return this.change((replies) => {
      const index = replies.findIndex((saved) => saved.id === reply.id);
      if (index < 0) return replies.length < max ? [...replies, reply] : null;
      return replies.with(index, reply);
    });
  }

  async remove(id: string): Promise<SavedReply[]> {
    const left = await this.change((replies) => replies.filter((saved) => saved.id !== id));
    return left ?? [];
  }

  /** Applies `edit` to the stored list (null: refused, nothing written), again on a concurrent change. */
  private async change(edit: (replies: SavedReply[]) => SavedReply[] | null): Promise<SavedReply[] | null> {
    for (let attempt = 0; attempt < attemptsMax; attempt++) {
      const stored = await this.table.get<SavedRepliesItem>(key);
      const replies = edit(stored?.replies ?? []);
      if (replies === null) return null;
      const written = await this.table.putIf<SavedRepliesItem>({
        Item: { ...key, replies, version: (stored?.version ?? 0) + 1 },
        ...(stored
          ? { ConditionExpression: "version = :version", ExpressionAttributeValues: { ":version": stored.version } }
          : { ConditionExpression: "attribute_not_exists(pk)" }),
      });
      if (written.ok) return replies;
      await backOff(attempt + 1);
    }
    throw new Error(`saved replies changed by others ${attemptsMax} times in a row`);
  }
}
