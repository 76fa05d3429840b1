// Opening a hostile zip and parsing its notes costs up to seconds of CPU; on the web server's one thread that would
// stall every other user's request. A small pool of worker threads does it instead while the request awaits.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { UploadRead, UploadReadRequest } from "./read-upload";

// The web server keeps a core of its own; more threads than this only queue uploads behind the same cores.
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));
// A thread takes about a second to load its modules, so it stays for the next batch of the same upload.
const IDLE_MS = 60_000;
// The limits bound what an upload inflates, not how long its notes take to parse: a crafted 3 MB XML of tiny
// elements parses for seconds. Past this the thread is ended, so no upload holds the pool for long.
export const READ_DEADLINE_MS = 60_000;

// Workers do not inherit tsx's loader hooks (the server runs on tsx), so the thread loads its entry through tsx's
// API, as the seed's worker does (db/seed/parallel.ts). Built on first use: Next's bundle of the routes that import
// this module's neighbours has no import.meta.resolve, and never starts a reader.
const workerBoot = () => `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) =>
  tsx.tsImport(${JSON.stringify(new URL("./upload-worker.ts", import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))`;

type Job = {
  request: UploadReadRequest;
  deadlineMs: number;
  resolve: (read: UploadRead) => void;
  reject: (error: unknown) => void;
};
type Thread = { worker: Worker; idleTimer: NodeJS.Timeout | null };

const idle: Thread[] = [];
const queue: Job[] = [];
const threads = new Set<Thread>();

/**
 * Reads one upload (zips opened within the budget, every note read for the seller) in a worker thread; `time`
 * when it takes longer than `deadlineMs` once a thread has it.
 */
export function readUploadOffThread(request: UploadReadRequest, deadlineMs = READ_DEADLINE_MS): Promise<UploadRead> {
  return new Promise((resolve, reject) => {
    queue.push({ request, deadlineMs, resolve, reject });
    dispatch();
  });
}

/** Ends every thread of the pool (tests, shutdown); a later upload starts new ones. */
export async function stopUploadReaders(): Promise<void> {
  const all = [...threads];
  threads.clear();
  idle.length = 0;
  for (const thread of all) if (thread.idleTimer) clearTimeout(thread.idleTimer);
  await Promise.all(all.map((t) => t.worker.terminate()));
}

function dispatch(): void {
  for (let job = queue.shift(); job; job = queue.shift()) {
    const thread = idle.pop() ?? (threads.size < POOL_SIZE ? start() : null);
    if (!thread) {
      queue.unshift(job);
      return;
    }
    run(thread, job);
  }
}

function start(): Thread {
  // The heap limit turns an upload that somehow outgrows its budget into a failed request, not a dead server.
  const worker = new Worker(workerBoot(), { eval: true, resourceLimits: { maxOldGenerationSizeMb: 512 } });
  const thread: Thread = { worker, idleTimer: null };
  threads.add(thread);
  return thread;
}

function run(thread: Thread, job: Job): void {
  const { worker } = thread;
  if (thread.idleTimer) clearTimeout(thread.idleTimer);
  worker.ref();
  const settle = () => {
    clearTimeout(deadline);
    worker.off("message", onMessage);
    worker.off("error", onFailure);
    worker.off("exit", onFailure);
  };
  const onMessage = (read: UploadRead) => {
    settle();
    park(thread);
    job.resolve(read);
    dispatch();
  };
  const end = (outcome: () => void) => {
    settle();
    threads.delete(thread);
    void worker.terminate();
    outcome();
    dispatch();
  };
  const onFailure = (error: unknown) =>
    end(() => job.reject(error instanceof Error ? error : new Error(`upload reader exited (${String(error)})`)));
  const deadline = setTimeout(() => end(() => job.resolve({ ok: false, limit: "time" })), job.deadlineMs);
  worker.on("message", onMessage);
  worker.once("error", onFailure);
  worker.once("exit", onFailure);
  worker.postMessage(job.request);
}

function park(thread: Thread): void {
  // An idle thread must not keep the process alive (a test file ending, a server stopping).
  thread.worker.unref();
  thread.idleTimer = setTimeout(() => {
    threads.delete(thread);
    idle.splice(idle.indexOf(thread), 1);
    void thread.worker.terminate();
  }, IDLE_MS).unref();
  idle.push(thread);
}
