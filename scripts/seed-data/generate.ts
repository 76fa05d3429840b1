import type { EncodedBatch } from "../../db/bulk-load/rows";
import { BatchEncoder } from "./batch-encoder";
import { DEMO_SHOWCASE, drawPlacement, generateOrder, type Placement, type SeedAccount } from "./orders";
import { createRandom } from "./random";

/** Everything the order generator needs, plain data so it can cross to a worker thread. */
export interface GenerationPlan {
  /** PRNG state after the accounts were created, so orders continue the same stream. */
  randomState: number;
  accounts: SeedAccount[];
  ordersPerAccount: number;
  now: number;
  firstId: number;
  batchSize: number;
}

/** A source of encoded order batches, in id order; the worker-backed one runs the same generator. */
export type BatchSource = (plan: GenerationPlan) => Iterable<EncodedBatch> | AsyncIterable<EncodedBatch>;

/**
 * Every account's orders in the order they were placed, as a hub receives them (ids grow with time, accounts
 * interleave), one encoded batch at a time. The placements are drawn and sorted first; the rest of each order
 * is generated in that order.
 */
export function* generateBatches(plan: GenerationPlan): Generator<EncodedBatch> {
  const random = createRandom(plan.randomState);
  const total = plan.accounts.length * plan.ordersPerAccount;
  const placements = Array.from({ length: total }, (_, k) =>
    drawPlacement(random, plan.now, DEMO_SHOWCASE[k % plan.ordersPerAccount]),
  );
  // Typed keys and a typed sort: comparing a million objects took longer than generating them.
  const placedAt = Float64Array.from(placements, (p) => p.placedAt);
  const arrival = Uint32Array.from({ length: total }, (_, i) => i).sort(
    (a, b) => (placedAt[a] as number) - (placedAt[b] as number) || a - b,
  );
  const seqs = plan.accounts.map(() => 0);
  let nextId = plan.firstId;
  for (let start = 0; start < total; start += plan.batchSize) {
    const end = Math.min(start + plan.batchSize, total);
    const batch = new BatchEncoder(nextId);
    for (let i = start; i < end; i++) {
      const k = arrival[i] as number;
      // Drawing k belongs to account ⌊k / n⌋, so each account gets exactly its n orders.
      const a = Math.floor(k / plan.ordersPerAccount);
      const seq = (seqs[a] ?? 0) + 1;
      seqs[a] = seq;
      batch.add(generateOrder(random, plan.accounts[a] as SeedAccount, seq, plan.now, placements[k] as Placement));
    }
    yield batch.finish();
    nextId += end - start;
  }
}
