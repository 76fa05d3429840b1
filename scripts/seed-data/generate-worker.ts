import { once } from "node:events";
import { parentPort } from "node:worker_threads";
import { batchBuffers } from "./batch-encoder";
import { type GenerationPlan, generateBatches } from "./generate";

// Runs the seed's order generator off the main thread, which meanwhile writes the previous batches. The first
// message is the plan; after that the main thread answers each batch it takes, and the worker stays at most AHEAD
// batches in front so memory stays flat.
const AHEAD = 2;
const port = parentPort;
if (!port) throw new Error("generate-worker must run as a worker thread");

const [plan] = (await once(port, "message")) as [GenerationPlan];
let taken = 0;
let wake: (() => void) | null = null;
port.on("message", () => {
  taken++;
  wake?.();
});

let posted = 0;
for (const batch of generateBatches(plan)) {
  while (posted - taken >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
  port.postMessage(batch, batchBuffers(batch));
  posted++;
}
port.postMessage(null);
