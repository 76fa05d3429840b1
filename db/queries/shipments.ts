import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { shipments } from "../schema";

export function insertShipment(db: Db | Tx, shipment: Omit<typeof shipments.$inferInsert, "id">): void {
  db.insert(shipments).values(shipment).run();
}

/** When the order's latest shipment was handed to the carrier. */
export function lastHandedAt(db: Db, accountId: number, orderId: number): Date | null {
  return (
    db
      .select({ handedAt: shipments.handedAt })
      .from(shipments)
      .where(and(eq(shipments.orderId, orderId), eq(shipments.accountId, accountId)))
      .orderBy(desc(shipments.id))
      .get()?.handedAt ?? null
  );
}
