import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DeleteCommandInput,
  type DeleteCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  type PutCommandOutput,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  UpdateCommand,
  type UpdateCommandInput,
  type UpdateCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";

/** An item as the document client reads and writes it: plain JavaScript values. */
export type Item = Record<string, unknown>;

/** Every item's primary key, as backend/store/keys.ts makes it. */
export type ItemKey = {
  pk: string;
  sk: string;
};

/**
 * The DynamoDB document client Porch's stores share: plain JavaScript values in and out
 * (`undefined` attributes are left out rather than refused). Every request asks for its consumed
 * capacity: free, and it lets the benchmark count capacity at the server. The middleware sits on
 * the underlying client's stack, which the document client uses too.
 */
export function tableClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= "TOTAL";
      return next(args);
    },
    { step: "initialize", name: "porchConsumedCapacity", override: true },
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * An attribute by name in an expression (`#name`, with `ExpressionAttributeNames`): some of the
 * head's ("language", "timeZone") are reserved words.
 */
export const attributeName = (attribute: string) => `#${attribute}`;

/** A request's input without the table, which is the `Table`'s. */
type On<I> = Omit<I, "TableName">;

/** A conditional write's input: whether DynamoDB returns the stored item is the helper's to ask. */
type Conditional<I> = Omit<On<I>, "ReturnValuesOnConditionCheckFailure"> & { ConditionExpression: string };

/**
 * What a conditional write did: `ok`, with the request's output, or refused by its condition,
 * which the stores read as "someone else did it", never as an error.
 */
export type Written<O> = { ok: true; output: O } | { ok: false };

/** The same, where the caller asked for the stored item a refused write collided with (null: none). */
export type WrittenOrExisting<O, T> = { ok: true; output: O } | { ok: false; existing: T | null };

/** `existing: true`: a refusal carries the stored item it collided with. */
export interface ConditionalOptions {
  existing?: boolean;
}

/** A write's output whose `Attributes` (what `ReturnValues` asked for) are items of the caller's type. */
export type WithAttributes<O, T> = Omit<O, "Attributes"> & { Attributes?: T };

/**
 * Porch's one table, as the stores read and write it: each request names it, reads by key are
 * consistent, reads come back as the item types the caller says the table holds there
 * (backend/store/items.ts), and every conditional write goes through one helper (`putIf`,
 * `updateIf`, `deleteIf`).
 */
export class Table {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly name: string,
  ) {}

  /** One item by its key, read consistently (every read by key in Porch is); undefined without one. */
  async get<T extends object>(key: ItemKey, projection?: string): Promise<T | undefined> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.name, Key: key, ...(projection ? { ProjectionExpression: projection } : {}), ConsistentRead: true }),
    );
    return output.Item as T | undefined;
  }

  /** One page of a query. */
  async query<T extends object>(input: On<QueryCommandInput>): Promise<Omit<QueryCommandOutput, "Items"> & { Items?: T[] }> {
    return (await this.client.send(new QueryCommand({ TableName: this.name, ...input }))) as Omit<QueryCommandOutput, "Items"> & {
      Items?: T[];
    };
  }

  /** Every item a query matches, page after page. */
  async queryAll<T extends object>(input: On<QueryCommandInput>): Promise<T[]> {
    const items: T[] = [];
    let startKey: Item | undefined;
    do {
      const output = await this.query<T>({ ...input, ExclusiveStartKey: startKey });
      items.push(...(output.Items ?? []));
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async put<T extends ItemKey>(input: On<PutCommandInput> & { Item: T }): Promise<WithAttributes<PutCommandOutput, T>> {
    return (await this.client.send(new PutCommand({ TableName: this.name, ...input }))) as WithAttributes<PutCommandOutput, T>;
  }

  async update<T extends object>(input: On<UpdateCommandInput> & { Key: ItemKey }): Promise<WithAttributes<UpdateCommandOutput, T>> {
    return (await this.client.send(new UpdateCommand({ TableName: this.name, ...input }))) as WithAttributes<UpdateCommandOutput, T>;
  }

  async delete<T extends object>(input: On<DeleteCommandInput> & { Key: ItemKey }): Promise<WithAttributes<DeleteCommandOutput, T>> {
    return (await this.client.send(new DeleteCommand({ TableName: this.name, ...input }))) as WithAttributes<DeleteCommandOutput, T>;
  }

  /**
   * Items by key, eventually consistent, in the order DynamoDB returns them: one BatchGetItem per
   * 100, one after another, each again for whatever DynamoDB left unprocessed.
   */
  async getAll<T extends object>(
    itemKeys: ItemKey[],
    projection: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> },
  ): Promise<T[]> {
    const items: T[] = [];
    for (const batch of chunks(itemKeys, 100)) {
      let keysLeft: Item[] = batch;
      for (let attempt = 0; keysLeft.length; attempt++) {
        if (attempt > 0) await backOff(attempt);
        const output = await this.client.send(new BatchGetCommand({ RequestItems: { [this.name]: { Keys: keysLeft, ...projection } } }));
        items.push(...((output.Responses?.[this.name] ?? []) as T[]));
        keysLeft = output.UnprocessedKeys?.[this.name]?.Keys ?? [];
      }
    }
    return items;
  }

  /** Deletes items by key: 25 to a BatchWriteItem, all at once, each again for whatever DynamoDB left unprocessed. */
  async deleteAll(itemKeys: ItemKey[]): Promise<void> {
    await Promise.all(chunks(itemKeys, 25).map((batch) => this.deleteBatch(batch)));
  }

  private async deleteBatch(itemKeys: ItemKey[]): Promise<void> {
    let pending = itemKeys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 0) await backOff(attempt);
      const output = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.name]: pending } }));
      pending = (output.UnprocessedItems?.[this.name] ?? []) as typeof pending;
    }
  }

  /** A put under a condition (`T`: the item stored at its key, put or found). */
  putIf<T extends ItemKey>(
    input: Conditional<PutCommandInput> & { Item: T },
    options: { existing: true },
  ): Promise<WrittenOrExisting<WithAttributes<PutCommandOutput, T>, T>>;
  putIf<T extends ItemKey>(input: Conditional<PutCommandInput> & { Item: T }): Promise<Written<WithAttributes<PutCommandOutput, T>>>;
  putIf<T extends ItemKey>(input: Conditional<PutCommandInput> & { Item: T }, options?: ConditionalOptions) {
    return this.conditional<WithAttributes<PutCommandOutput, T>, T>({ pk: input.Item.pk, sk: input.Item.sk }, options, (returnValues) =>
      this.put<T>({ ...input, ...returnValues }),
    );
  }

  /** An update under a condition (`T`: the item stored at its key). */
  updateIf<T extends object>(
    input: Conditional<UpdateCommandInput> & { Key: ItemKey },
    options: { existing: true },
  ): Promise<WrittenOrExisting<WithAttributes<UpdateCommandOutput, T>, T>>;
  updateIf<T extends object = Item>(
    input: Conditional<UpdateCommandInput> & { Key: ItemKey },
  ): Promise<Written<WithAttributes<UpdateCommandOutput, T>>>;
  updateIf<T extends object>(input: Conditional<UpdateCommandInput> & { Key: ItemKey }, options?: ConditionalOptions) {
    return this.conditional<WithAttributes<UpdateCommandOutput, T>, T>(input.Key, options, (returnValues) =>
      this.update<T>({ ...input, ...returnValues }),
    );
  }

  /** A delete under a condition (`T`: the item stored at its key). */
  deleteIf<T extends object>(
    input: Conditional<DeleteCommandInput> & { Key: ItemKey },
    options: { existing: true },
  ): Promise<WrittenOrExisting<WithAttributes<DeleteCommandOutput, T>, T>>;
  deleteIf<T extends object = Item>(
    input: Conditional<DeleteCommandInput> & { Key: ItemKey },
  ): Promise<Written<WithAttributes<DeleteCommandOutput, T>>>;
  deleteIf<T extends object>(input: Conditional<DeleteCommandInput> & { Key: ItemKey }, options?: ConditionalOptions) {
    return this.conditional<WithAttributes<DeleteCommandOutput, T>, T>(input.Key, options, (returnValues) =>
      this.delete<T>({ ...input, ...returnValues }),
    );
  }

  /**
   * Sends a conditional write; a failed condition is a refusal, anything else is thrown. The
   * stored item a refused write collided with: real DynamoDB returns it with the error
   * (`ReturnValuesOnConditionCheckFailure: "ALL_OLD"`, asked for only when the caller wants it),
   * in the low-level shape the document client leaves as it is; dynalite does not return it, so
   * it is read then, consistently.
   */
  private async conditional<O, T>(
    key: ItemKey,
    options: ConditionalOptions | undefined,
    write: (returnValues: { ReturnValuesOnConditionCheckFailure?: "ALL_OLD" }) => Promise<O>,
  ): Promise<WrittenOrExisting<O, T> | Written<O>> {
    const existing = options?.existing === true;
    try {
      const output = await write(existing ? { ReturnValuesOnConditionCheckFailure: "ALL_OLD" } : {});
      return { ok: true, output };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!existing) return { ok: false };
      const item = error.Item ? (unmarshall(error.Item) as T) : await this.get<T & object>(key);
      return { ok: false, existing: item ?? null };
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Before the next try of what a batch left unprocessed: 100 ms, 200 ms, … up to a second. */
function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
}
