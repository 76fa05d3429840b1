import {
  type EncodedBatch,
  type PackedRows,
  SEED_LAYOUTS,
  SEED_TABLE_KEYS,
  type SeedTable,
  StringTable,
} from "../../db/bulk-load/rows";
import type { GeneratedOrder } from "./orders";

/**
 * Packs orders one at a time as they are generated, so each order's objects are garbage before the next one
 * exists: holding a whole batch of them until the end had the collector copy them all into the old generation.
 */
export class BatchEncoder {
  private readonly strings = new StringTable();
  private readonly tables = Object.fromEntries(
    SEED_TABLE_KEYS.map((key) => [key, { rows: 0, tags: new Uint8Array(0), numbers: new Float64Array(0) }]),
  ) as Record<SeedTable, PackedRows>;
  private orders = 0;

  constructor(private nextId: number) {}

  add(g: GeneratedOrder): void {
    const id = this.nextId++;
    this.orders++;
    this.put("orders", g.order, id);
    for (const row of g.items) this.put("items", row, id);
    for (const row of g.timeline) this.put("timeline", row, id);
    for (const row of g.outbox) this.put("outbox", row, id);
    if (g.invoice) this.put("invoices", g.invoice, id);
    if (g.shipment) this.put("shipments", g.shipment, id);
  }

  finish(): EncodedBatch {
    return { orders: this.orders, strings: this.strings.list, tables: this.tables };
  }

  private put(key: SeedTable, row: object, orderId: number) {
    const packed = this.tables[key];
    const layout = SEED_LAYOUTS[key];
    const width = layout.columns.length;
    const at = packed.rows * width;
    if (at + width > packed.tags.length) {
      const capacity = Math.max(1024, packed.rows * 2) * width;
      const tags = new Uint8Array(capacity);
      const numbers = new Float64Array(capacity);
      tags.set(packed.tags);
      numbers.set(packed.numbers);
      packed.tags = tags;
      packed.numbers = numbers;
    }
    layout.encode(row, orderId, packed, at, this.strings);
    packed.rows++;
  }
}

export function encodeOrders(batch: readonly GeneratedOrder[], firstId: number): EncodedBatch {
  const encoder = new BatchEncoder(firstId);
  for (const g of batch) encoder.add(g);
  return encoder.finish();
}

/** The buffers to hand over, not copy, when posting a batch to another thread. */
export function batchBuffers(batch: EncodedBatch): ArrayBuffer[] {
  return Object.values(batch.tables).flatMap((t) => [t.tags.buffer as ArrayBuffer, t.numbers.buffer as ArrayBuffer]);
}
