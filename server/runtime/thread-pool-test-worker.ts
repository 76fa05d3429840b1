// A worker for thread-pool.test.ts: echoes, spins, fails or exits on request, and says which thread answered.
import { parentPort, threadId } from "node:worker_threads";

const port = parentPort;
if (!port) throw new Error("thread-pool-test-worker.ts runs as a worker thread");

port.on("message", (request: { do: "echo" | "spin" | "throw" | "exit"; value?: number }) => {
  if (request.do === "spin") for (;;);
  if (request.do === "throw") throw new Error("falhou de propósito");
  if (request.do === "exit") process.exit(3);
  port.postMessage({ value: request.value, threadId });
});
