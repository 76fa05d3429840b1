import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { preparedOnce } from "../prepared";
import { erpApiKeys } from "../schema";

export interface NewErpKey {
  accountId: number;
  name: string;
  userEmail: string;
  keyHash: string;
  keyPrefix: string;
  createdByUserId: string | null;
  now: Date;
}

export function insertErpKey(db: Db, key: NewErpKey): number {
  const row = db
    .insert(erpApiKeys)
    .values({
      accountId: key.accountId,
      name: key.name,
      userEmail: key.userEmail,
      keyHash: key.keyHash,
      keyPrefix: key.keyPrefix,
      createdByUserId: key.createdByUserId,
      createdAt: key.now,
    })
    .returning({ id: erpApiKeys.id })
    .get();
  return row.id;
}

export function listErpKeys(db: Db, accountId: number) {
  return db
    .select({
      id: erpApiKeys.id,
      name: erpApiKeys.name,
      userEmail: erpApiKeys.userEmail,
      keyPrefix: erpApiKeys.keyPrefix,
      createdAt: erpApiKeys.createdAt,
      lastUsedAt: erpApiKeys.lastUsedAt,
      revokedAt: erpApiKeys.revokedAt,
    })
    .from(erpApiKeys)
    .where(eq(erpApiKeys.accountId, accountId))
    .orderBy(desc(erpApiKeys.createdAt), desc(erpApiKeys.id))
    .all();
}

export function activeKeyNameTaken(db: Db, accountId: number, name: string): boolean {
  return !!db
    .select({ id: erpApiKeys.id })
    .from(erpApiKeys)
    .where(
      and(
        eq(erpApiKeys.accountId, accountId),
        isNull(erpApiKeys.revokedAt),
        sql`lower(${erpApiKeys.name}) = lower(${name})`,
      ),
    )
    .get();
}

/** True when the key was the account's and still active; an already revoked key keeps its first revocation. */
export function revokeErpKey(db: Db, accountId: number, keyId: number, now: Date): boolean {
  const result = db
    .update(erpApiKeys)
    .set({ revokedAt: now })
    .where(and(eq(erpApiKeys.id, keyId), eq(erpApiKeys.accountId, accountId), isNull(erpApiKeys.revokedAt)))
    .run();
  return result.changes > 0;
}

/** Read on every ERP call, so prepared once; revoked keys are read too, to say so rather than "unknown key". */
export function erpKeyByHash(db: Db, keyHash: string) {
  const statement = preparedOnce(db, "erpKeys.byHash", () =>
    db
      .select({
        id: erpApiKeys.id,
        accountId: erpApiKeys.accountId,
        name: erpApiKeys.name,
        userEmail: erpApiKeys.userEmail,
        revokedAt: erpApiKeys.revokedAt,
        lastUsedAt: erpApiKeys.lastUsedAt,
      })
      .from(erpApiKeys)
      .where(eq(erpApiKeys.keyHash, sql.placeholder("keyHash")))
      .prepare(),
  );
  return statement.get({ keyHash }) ?? null;
}

export function touchErpKey(db: Db, keyId: number, now: Date): void {
  db.update(erpApiKeys).set({ lastUsedAt: now }).where(eq(erpApiKeys.id, keyId)).run();
}
