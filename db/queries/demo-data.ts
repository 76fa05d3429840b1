// The statements of the demo and benchmark data generator (scripts/seed-data/), which decides what to write.
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { ChannelId, LogisticsModeId } from "../../server/domain/channels/channels";
import type { OrderStatus } from "../../server/domain/orders/status";
import type { Role } from "../../server/domain/people/roles";
import type { Db } from "../client";
import { authAccounts, orders, outbox, sellerAccounts, timelineEntries, users } from "../schema";

export function isDatabaseEmpty(db: Db): boolean {
  const row = db.select({ n: count() }).from(sellerAccounts).get();
  return (row?.n ?? 0) === 0;
}

export function insertSellerAccount(db: Db, values: typeof sellerAccounts.$inferInsert) {
  const [created] = db.insert(sellerAccounts).values(values).returning().all();
  if (!created) throw new Error("Seller account insert returned nothing");
  return created;
}

/** A user who signs in with a password (better-auth's credential account); gives the user's id. */
export function insertCredentialUser(
  db: Db,
  user: { name: string; email: string; role: Role; sellerAccountId: number | null },
  passwordHash: string,
): string {
  const id = crypto.randomUUID();
  const now = new Date();
  db.insert(users)
    .values({ id, ...user, emailVerified: true, createdAt: now, updatedAt: now })
    .run();
  db.insert(authAccounts)
    .values({
      id: crypto.randomUUID(),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: passwordHash,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  return id;
}

export function maxOrderId(db: Db): number {
  return (
    db
      .select({ max: sql<number | null>`max(${orders.id})` })
      .from(orders)
      .get()?.max ?? 0
  );
}

/** The account's newest order of this channel, status and logistics modes with no cancellation requested. */
export function newestOrderIn(
  db: Db,
  accountId: number,
  where: { channel: ChannelId; status: OrderStatus; modes: LogisticsModeId[] },
) {
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        eq(orders.channel, where.channel),
        eq(orders.status, where.status),
        inArray(orders.logisticsMode, where.modes),
        isNull(orders.cancellationRequestedAt),
      ),
    )
    .orderBy(desc(orders.placedAt))
    .get();
}

/** The order's invoice update refused by Americanas at its first attempt, with its timeline entry. */
export function refuseInvoiceUpdate(db: Db, order: typeof orders.$inferSelect, reason: string, at: Date): boolean {
  const update = db
    .update(outbox)
    .set({ state: "rejected", lastError: reason, attempts: 1, updatedAt: at })
    .where(and(eq(outbox.orderId, order.id), eq(outbox.kind, "invoice")))
    .returning({ id: outbox.id })
    .get();
  if (!update) return false;
  db.insert(timelineEntries)
    .values({
      orderId: order.id,
      accountId: order.accountId,
      at,
      actorType: "channel",
      actorUserId: null,
      actorName: "Americanas",
      kind: "replication.rejected",
      fromStatus: null,
      toStatus: null,
      summary: `Americanas recusou: Nota fiscal — ${reason}`,
      data: { outboxId: update.id, kind: "invoice", attempt: 1 },
    })
    .run();
  return true;
}
