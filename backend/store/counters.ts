import type { Counters, SignIns } from "../chat/ports.ts";
import type { CounterItem, SignInItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Table } from "./table-client.ts";

const toS = (ms: number) => Math.ceil(ms / 1000);

const counterKey = (key: string) => ({ pk: keys.counterPk(key), sk: keys.counterSk });

/**
 * Limits' counters: one small item per key (the key names its window), counted with `ADD` under a
 * condition, so one request both checks and counts, atomically. The items expire (TTL) at the end
 * of their window; nothing reads an expired one, since a later window is another key.
 */
export class DynamoCounters implements Counters {
  constructor(private readonly table: Table) {}

  async take(key: string, max: number, expiresAtMs: number): Promise<boolean> {
    const written = await this.table.updateIf({
      Key: counterKey(key),
      UpdateExpression: "ADD hits :one SET expiresAtS = if_not_exists(expiresAtS, :expires)",
      ConditionExpression: "attribute_not_exists(hits) OR hits < :max",
      ExpressionAttributeValues: { ":one": 1, ":max": max, ":expires": toS(expiresAtMs) },
    });
    return written.ok;
  }

  async takeAmount(key: string, amount: number, max: number, expiresAtMs: number): Promise<boolean> {
    if (amount > max) return false;
    const written = await this.table.updateIf({
      Key: counterKey(key),
      UpdateExpression: "ADD hits :amount SET expiresAtS = if_not_exists(expiresAtS, :expires)",
      ConditionExpression: "attribute_not_exists(hits) OR hits <= :room",
      ExpressionAttributeValues: { ":amount": amount, ":room": max - amount, ":expires": toS(expiresAtMs) },
    });
    return written.ok;
  }

  async takeMember(key: string, member: string, max: number, expiresAtMs: number): Promise<boolean> {
    const written = await this.table.updateIf({
      Key: counterKey(key),
      UpdateExpression: "ADD members :member SET expiresAtS = if_not_exists(expiresAtS, :expires)",
      ConditionExpression: "attribute_not_exists(members) OR size(members) < :max OR contains(members, :one)",
      ExpressionAttributeValues: { ":member": new Set([member]), ":one": member, ":max": max, ":expires": toS(expiresAtMs) },
    });
    return written.ok;
  }

  async giveBackMember(key: string, member: string): Promise<void> {
    // Refused: the counter is gone (expired), and the member with it.
    await this.table.updateIf({
      Key: counterKey(key),
      UpdateExpression: "DELETE members :member",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":member": new Set([member]) },
    });
  }

  async giveBack(key: string): Promise<void> {
    // Refused: nothing left to give back.
    await this.table.updateIf({
      Key: counterKey(key),
      UpdateExpression: "ADD hits :minusOne",
      ConditionExpression: "hits > :zero",
      ExpressionAttributeValues: { ":minusOne": -1, ":zero": 0 },
    });
  }

  async add(key: string, count: number, expiresAtMs: number): Promise<number> {
    const output = await this.table.update<Required<Pick<CounterItem, "hits">>>({
      Key: counterKey(key),
      UpdateExpression: "ADD hits :count SET expiresAtS = if_not_exists(expiresAtS, :expires)",
      ExpressionAttributeValues: { ":count": count, ":expires": toS(expiresAtMs) },
      ReturnValues: "UPDATED_NEW",
    });
    return output.Attributes!.hits;
  }
}

/** The addresses the owner signed in from, each remembered for a while (TTL). */
export class DynamoSignIns implements SignIns {
  constructor(private readonly table: Table) {}

  async remember(addressPseudonym: string, nowMs: number, forMs: number): Promise<void> {
    await this.table.put<SignInItem>({
      Item: { pk: keys.signInPk(addressPseudonym), sk: keys.counterSk, signedInAt: nowMs, expiresAtS: toS(nowMs + forMs) },
    });
  }

  async isKnown(addressPseudonyms: readonly string[], nowMs: number): Promise<boolean> {
    const items = await Promise.all(
      addressPseudonyms.map((pseudonym) => this.table.get<SignInItem>({ pk: keys.signInPk(pseudonym), sk: keys.counterSk })),
    );
    return items.some((item) => {
      const expiresAtS: unknown = item?.expiresAtS;
      return typeof expiresAtS === "number" && expiresAtS * 1000 > nowMs;
    });
  }
}
