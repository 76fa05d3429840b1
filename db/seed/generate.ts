import { BatchEncoder } from "./batch-encoder";
import { generateOrder, type SeedAccount } from "./orders";
import { createRandom } from "./random";
import type { EncodedBatch } from "./rows";

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

/** Every account's orders in id order, one encoded batch at a time. */
export function* generateBatches(plan: GenerationPlan): Generator<EncodedBatch> {
  const random = createRandom(plan.randomState);
  let nextId = plan.firstId;
  for (const account of plan.accounts) {
    for (let done = 0; done < plan.ordersPerAccount; done += plan.batchSize) {
      const size = Math.min(plan.batchSize, plan.ordersPerAccount - done);
      const batch = new BatchEncoder(nextId);
      for (let i = 0; i < size; i++) batch.add(generateOrder(random, account, done + i + 1, plan.now));
      yield batch.finish();
      nextId += size;
    }
  }
}
