import { and, asc, count, countDistinct, eq, gte, isNull, lte, type SQL } from "drizzle-orm";
import type { ChannelId } from "../../server/domain/channels/channels";
import type { DivergenceKind, Finding } from "../../server/domain/divergences/kinds";
import type { Db, Tx } from "../client";
import { divergences, orders, sellerAccounts, timelineEntries } from "../schema";

export interface DivergenceSnapshot {
  hubState: Record<string, unknown>;
  marketplaceState: Record<string, unknown>;
}

/**
 * Makes the open divergences of an order match what the latest check found: new findings open one (with a
 * timeline entry), ones no longer found are closed as cleared, and the rest get the latest states. Returns
 * the findings that are open now.
 */
export function syncFindings(
  db: Db,
  order: { id: number; accountId: number; channel: ChannelId; updatedAt: Date },
  found: Finding[],
  snapshot: DivergenceSnapshot,
  now: Date,
): Finding[] {
  // Immediate: it reads, then writes. A deferred transaction whose read snapshot another process's commit made
  // stale fails its first write at once with "database is locked" (SQLite does not wait in that case); seen
  // in the worker's reconciliation while the web server was marking orders delivered.
  return db.transaction(
    (tx) => {
      const open = tx
        .select()
        .from(divergences)
        .where(
          and(
            eq(divergences.orderId, order.id),
            eq(divergences.accountId, order.accountId),
            isNull(divergences.resolvedAt),
          ),
        )
        .all();
      const same = (d: { kind: string; likelyCause: string }, f: Finding) =>
        d.kind === f.kind && d.likelyCause === f.likelyCause;
      // Support closed these with a note and nothing changed on the order since: not raised again.
      const settled = tx
        .select({ kind: divergences.kind, likelyCause: divergences.likelyCause })
        .from(divergences)
        .where(
          and(
            eq(divergences.orderId, order.id),
            eq(divergences.resolution, "resolved"),
            gte(divergences.resolvedAt, order.updatedAt),
          ),
        )
        .all();
      const findings = found.filter((f) => !settled.some((d) => same(d, f)));
      for (const finding of findings) {
        const existing = open.find((d) => same(d, finding));
        if (existing) {
          tx.update(divergences).set(snapshot).where(eq(divergences.id, existing.id)).run();
          continue;
        }
        tx.insert(divergences)
          .values({
            orderId: order.id,
            accountId: order.accountId,
            channel: order.channel,
            kind: finding.kind,
            likelyCause: finding.likelyCause,
            ...snapshot,
            openedAt: now,
          })
          .run();
        timeline(tx, order, now, "divergence.opened", `Divergência com o marketplace: ${finding.likelyCause}`);
      }
      for (const stale of open.filter((d) => !findings.some((f) => same(d, f)))) {
        tx.update(divergences)
          .set({ resolvedAt: now, resolution: "cleared" })
          .where(eq(divergences.id, stale.id))
          .run();
        timeline(
          tx,
          order,
          now,
          "divergence.cleared",
          `Divergência desfeita: hub e marketplace voltaram a concordar (${stale.likelyCause})`,
        );
      }
      return findings;
    },
    { behavior: "immediate" },
  );
}

function timeline(tx: Tx, order: { id: number; accountId: number }, now: Date, kind: string, summary: string) {
  tx.insert(timelineEntries)
    .values({
      orderId: order.id,
      accountId: order.accountId,
      at: now,
      actorType: "system",
      actorUserId: null,
      actorName: "Conciliação",
      kind,
      fromStatus: null,
      toStatus: null,
      summary,
      data: null,
    })
    .run();
}

export interface DivergenceFilters {
  accountId?: number;
  channel?: ChannelId;
  kind?: DivergenceKind;
  /** Only divergences open for at least this many hours. */
  minAgeHours?: number;
}

export function listOpenDivergences(db: Db, filters: DivergenceFilters, now: Date, limit = 200) {
  const conditions: SQL[] = [isNull(divergences.resolvedAt)];
  if (filters.accountId) conditions.push(eq(divergences.accountId, filters.accountId));
  if (filters.channel) conditions.push(eq(divergences.channel, filters.channel));
  if (filters.kind) conditions.push(eq(divergences.kind, filters.kind));
  if (filters.minAgeHours)
    conditions.push(lte(divergences.openedAt, new Date(now.getTime() - filters.minAgeHours * 3_600_000)));
  return db
    .select({
      id: divergences.id,
      kind: divergences.kind,
      channel: divergences.channel,
      likelyCause: divergences.likelyCause,
      hubState: divergences.hubState,
      marketplaceState: divergences.marketplaceState,
      openedAt: divergences.openedAt,
      orderId: orders.id,
      marketplaceCode: orders.marketplaceCode,
      orderStatus: orders.status,
      handledManuallyAt: orders.handledManuallyAt,
      accountId: sellerAccounts.id,
      tradeName: sellerAccounts.tradeName,
    })
    .from(divergences)
    .innerJoin(orders, eq(orders.id, divergences.orderId))
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, divergences.accountId))
    .where(and(...conditions))
    .orderBy(asc(divergences.openedAt), asc(divergences.id))
    .limit(limit)
    .all();
}

export function getOpenDivergence(db: Db, id: number) {
  return (
    db
      .select()
      .from(divergences)
      .where(and(eq(divergences.id, id), isNull(divergences.resolvedAt)))
      .get() ?? null
  );
}

export function countDivergentOrders(db: Db, accountId: number): number {
  return (
    db
      .select({ n: countDistinct(divergences.orderId) })
      .from(divergences)
      .where(and(eq(divergences.accountId, accountId), isNull(divergences.resolvedAt)))
      .get()?.n ?? 0
  );
}

export function countOpenDivergences(db: Db): number {
  return db.select({ n: count() }).from(divergences).where(isNull(divergences.resolvedAt)).get()?.n ?? 0;
}

/** The likely causes of an order's open divergences, which a seller's change is warned about. */
export function openDivergenceCauses(db: Db, accountId: number, orderId: number): string[] {
  return db
    .select({ likelyCause: divergences.likelyCause })
    .from(divergences)
    .where(and(eq(divergences.orderId, orderId), eq(divergences.accountId, accountId), isNull(divergences.resolvedAt)))
    .all()
    .map((d) => d.likelyCause);
}
