import { on } from "node:events";
import { Worker } from "node:worker_threads";
import type { EncodedBatch } from "../../db/bulk-load/rows";
import type { BatchSource } from "./generate";

// Node 20 workers do not inherit tsx's loader hooks, so the worker loads its TypeScript entry through tsx's API.
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) =>
  tsx.tsImport(${JSON.stringify(new URL("./generate-worker.ts", import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))`;

/**
 * The seed's batches generated in a worker thread while the caller inserts: on a bulk load, generating rows and
 * writing them take about as long as each other, and each gets a core. The thread starts loading now (about a
 * second) and generates once handed the plan. Only for processes run by tsx (the seed script); everything else
 * generates in-process.
 */
export function workerBatches(): BatchSource {
  // A young generation big enough that most batches are posted, and their text dead, by the next scavenge:
  // with the default one the worker spent twice as long collecting.
  const worker = new Worker(WORKER_BOOT, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 192 } });
  // Until it is handed a plan, the thread must not keep the process alive (e.g. when the seed stops early).
  worker.unref();
  return async function* (plan): AsyncGenerator<EncodedBatch> {
    worker.ref();
    worker.postMessage(plan);
    try {
      for await (const [batch] of on(worker, "message")) {
        if (batch === null) return;
        worker.postMessage("taken");
        yield batch as EncodedBatch;
      }
    } finally {
      await worker.terminate();
    }
  };
}
