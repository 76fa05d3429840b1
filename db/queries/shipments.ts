import type { Db, Tx } from "../client";
import { shipments } from "../schema";

export function insertShipment(db: Db | Tx, shipment: Omit<typeof shipments.$inferInsert, "id">): void {
  db.insert(shipments).values(shipment).run();
}
