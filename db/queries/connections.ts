import { and, eq, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { ChannelId } from "../../server/domain/channels/channels";
import type { Db } from "../client";
import { preparedOnce } from "../prepared";
import { channelConnections, sellerAccounts } from "../schema";

const columns = {
  id: channelConnections.id,
  accountId: channelConnections.accountId,
  channel: channelConnections.channel,
  baseUrl: channelConnections.baseUrl,
  pullCursor: channelConnections.pullCursor,
  /** Sealed; opened only where a marketplace is called. */
  credentials: channelConnections.credentials,
  lastError: channelConnections.lastError,
  sellerCnpj: sellerAccounts.cnpj,
};

export function listEnabledConnections(db: Db) {
  return db
    .select(columns)
    .from(channelConnections)
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, channelConnections.accountId))
    .where(eq(channelConnections.enabled, true))
    .all();
}

export type Connection = ReturnType<typeof listEnabledConnections>[number];

/** Read for every update the worker sends, so prepared once. */
export function connectionFor(db: Db, accountId: number, channel: ChannelId): Connection | null {
  const statement = preparedOnce(db, "connections.connectionFor", () =>
    db
      .select(columns)
      .from(channelConnections)
      .innerJoin(sellerAccounts, eq(sellerAccounts.id, channelConnections.accountId))
      .where(
        and(
          eq(channelConnections.accountId, sql.placeholder("accountId")),
          eq(channelConnections.channel, sql.placeholder("channel")),
          eq(channelConnections.enabled, true),
        ),
      )
      .prepare(),
  );
  return statement.get({ accountId, channel }) ?? null;
}

/** Replaces a connection's sealed credentials in one statement, so a rotated token is never half-stored. */
export function saveSealedCredentials(
  db: Db,
  connectionId: number,
  sealed: string | null,
  tokenExpiresAt: Date | null,
): void {
  db.update(channelConnections)
    .set({ credentials: sealed, tokenExpiresAt })
    .where(eq(channelConnections.id, connectionId))
    .run();
}

/** The last failure talking to the marketplace (null clears it), and how long it asked the hub to wait. */
export function recordConnectionHealth(
  db: Db,
  connectionId: number,
  health: { lastError: string | null; at: Date; rateLimitedUntil?: Date | null },
): void {
  db.update(channelConnections)
    .set({
      lastError: health.lastError,
      lastErrorAt: health.lastError ? health.at : null,
      ...(health.rateLimitedUntil !== undefined ? { rateLimitedUntil: health.rateLimitedUntil } : {}),
    })
    .where(eq(channelConnections.id, connectionId))
    .run();
}

export function saveCursor(db: Db, connectionId: number, cursor: string, at: Date): void {
  db.update(channelConnections)
    .set({ pullCursor: cursor, lastPulledAt: at })
    .where(eq(channelConnections.id, connectionId))
    .run();
}

/** Points every account at the marketplace sandbox on all channels, as the demo and tests run it. */
export function ensureSandboxConnections(db: Db, baseUrl: string, channels: readonly ChannelId[], now: Date): void {
  const accounts = db.select({ id: sellerAccounts.id }).from(sellerAccounts).all();
  db.transaction((tx) => {
    for (const account of accounts) {
      for (const channel of channels) {
        tx.insert(channelConnections)
          .values({ accountId: account.id, channel, baseUrl, enabled: true, createdAt: now })
          .onConflictDoUpdate({
            target: [channelConnections.accountId, channelConnections.channel],
            set: { baseUrl },
          })
          .run();
      }
    }
  });
}

export function listAllConnections(db: Db) {
  return db
    .select({
      accountId: sellerAccounts.id,
      tradeName: sellerAccounts.tradeName,
      channel: channelConnections.channel,
      baseUrl: channelConnections.baseUrl,
      enabled: channelConnections.enabled,
      lastPulledAt: channelConnections.lastPulledAt,
    })
    .from(channelConnections)
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, channelConnections.accountId))
    .orderBy(sellerAccounts.tradeName, channelConnections.channel)
    .all();
}

export function saveConnection(
  db: Db,
  input: { accountId: number; channel: ChannelId; baseUrl: string; enabled: boolean },
  now: Date,
): void {
  db.insert(channelConnections)
    .values({ ...input, createdAt: now })
    .onConflictDoUpdate({
      target: [channelConnections.accountId, channelConnections.channel],
      set: { baseUrl: input.baseUrl, enabled: input.enabled },
    })
    .run();
}

/** An account's connections with their health, for the page where the seller manages them. */
export function accountConnections(db: Db, accountId: number) {
  return db
    .select({
      ...columns,
      enabled: channelConnections.enabled,
      lastPulledAt: channelConnections.lastPulledAt,
      lastError: channelConnections.lastError,
      lastErrorAt: channelConnections.lastErrorAt,
      tokenExpiresAt: channelConnections.tokenExpiresAt,
      rateLimitedUntil: channelConnections.rateLimitedUntil,
      unreachableSince: channelConnections.unreachableSince,
    })
    .from(channelConnections)
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, channelConnections.accountId))
    .where(eq(channelConnections.accountId, accountId))
    .orderBy(channelConnections.channel)
    .all();
}

/** One connection of an account, enabled or not. */
export function accountConnection(db: Db, accountId: number, channel: ChannelId): Connection | null {
  return (
    db
      .select(columns)
      .from(channelConnections)
      .innerJoin(sellerAccounts, eq(sellerAccounts.id, channelConnections.accountId))
      .where(and(eq(channelConnections.accountId, accountId), eq(channelConnections.channel, channel)))
      .get() ?? null
  );
}

/** Every stored credential, sealed, for re-encryption with a new key. */
export function sealedCredentials(db: Db) {
  return db
    .select({ id: channelConnections.id, credentials: channelConnections.credentials })
    .from(channelConnections)
    .where(isNotNull(channelConnections.credentials))
    .all();
}

export function replaceSealedCredentials(db: Db, connectionId: number, sealed: string): void {
  db.update(channelConnections).set({ credentials: sealed }).where(eq(channelConnections.id, connectionId)).run();
}

/** Until when the marketplace's request limit holds this connection's calls; written at most once a second. */
export function recordRateLimitWait(db: Db, connectionId: number, until: Date): void {
  db.update(channelConnections)
    .set({ rateLimitedUntil: until })
    .where(
      and(
        eq(channelConnections.id, connectionId),
        or(
          isNull(channelConnections.rateLimitedUntil),
          lt(channelConnections.rateLimitedUntil, new Date(until.getTime() - 1_000)),
        ),
      ),
    )
    .run();
}

const outageColumns = {
  consecutiveFailures: channelConnections.consecutiveFailures,
  unreachableSince: channelConnections.unreachableSince,
  nextProbeAt: channelConnections.nextProbeAt,
};

/** A connection's outage bookkeeping (see server/domain/replication/outage.ts); read for every pass's answers. */
export function outageState(db: Db, connectionId: number) {
  const statement = preparedOnce(db, "connections.outageState", () =>
    db
      .select(outageColumns)
      .from(channelConnections)
      .where(eq(channelConnections.id, sql.placeholder("id")))
      .prepare(),
  );
  return statement.get({ id: connectionId }) ?? null;
}

export function saveOutageState(
  db: Db,
  connectionId: number,
  state: { consecutiveFailures: number; unreachableSince: Date | null; nextProbeAt: Date | null },
): void {
  db.update(channelConnections).set(state).where(eq(channelConnections.id, connectionId)).run();
}

/** Enabled connections taken for down whose next probe is due. */
export function connectionsToProbe(db: Db, now: Date): Connection[] {
  return db
    .select(columns)
    .from(channelConnections)
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, channelConnections.accountId))
    .where(
      and(
        eq(channelConnections.enabled, true),
        isNotNull(channelConnections.unreachableSince),
        lte(channelConnections.nextProbeAt, now),
      ),
    )
    .all();
}

/** Moves a due probe to `next`; false when another lane or worker already took this turn. */
export function takeProbeTurn(db: Db, connectionId: number, now: Date, next: Date): boolean {
  return (
    db
      .update(channelConnections)
      .set({ nextProbeAt: next })
      .where(
        and(
          eq(channelConnections.id, connectionId),
          isNotNull(channelConnections.unreachableSince),
          lte(channelConnections.nextProbeAt, now),
        ),
      )
      .run().changes > 0
  );
}

/** A connection's address, as the seller gives it with the keys of a marketplace with one instance per operator. */
export function setConnectionBaseUrl(db: Db, connectionId: number, baseUrl: string): void {
  db.update(channelConnections).set({ baseUrl }).where(eq(channelConnections.id, connectionId)).run();
}
