// Work that costs seconds of CPU (a hostile zip, a dashboard over a million orders) would stall every other request
// on the web server's one thread. A small pool of worker threads does it instead while the request awaits.
import { Worker } from "node:worker_threads";

/** What `run` gives when the work took longer than its deadline once a thread had it (the thread is ended). */
export const PAST_DEADLINE = Symbol("past deadline");

export interface ThreadPool<Request, Result> {
  run(request: Request, deadlineMs: number): Promise<Result | typeof PAST_DEADLINE>;
  /** Ends every thread (tests, shutdown); later work starts new ones. */
  stop(): Promise<void>;
}

export interface ThreadPoolOptions {
  /**
   * The worker's module, which answers each message on `parentPort` with one message. Resolved when a thread starts:
   * Next bundles some neighbours of the modules that make pools, and never starts one.
   */
  entry: () => URL;
  size: number;
  /** A thread takes about a second to load its modules, so it stays this long for the next request. */
  idleMs: number;
  /** Turns work that somehow outgrows its budget into a failed request, not a dead server. */
  maxOldGenerationSizeMb: number;
}

// Workers do not inherit tsx's loader hooks (the server runs on tsx), so the thread loads its entry through tsx's
// API, as the seed's worker does (scripts/seed-data/parallel.ts). Built on first use: Next's bundle of routes that import a
// pool's neighbours has no import.meta.resolve, and never starts a thread.
const workerBoot = (entry: URL) => `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) =>
  tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;

type Job<Request, Result> = {
  request: Request;
  deadlineMs: number;
  resolve: (result: Result | typeof PAST_DEADLINE) => void;
  reject: (error: unknown) => void;
};
type Thread = { worker: Worker; idleTimer: NodeJS.Timeout | null };

export function threadPool<Request, Result>(options: ThreadPoolOptions): ThreadPool<Request, Result> {
  const idle: Thread[] = [];
  const queue: Job<Request, Result>[] = [];
  const threads = new Set<Thread>();

  const start = (): Thread => {
    const worker = new Worker(workerBoot(options.entry()), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb },
    });
    const thread: Thread = { worker, idleTimer: null };
    threads.add(thread);
    return thread;
  };

  const park = (thread: Thread) => {
    // An idle thread must not keep the process alive (a test file ending, a server stopping).
    thread.worker.unref();
    thread.idleTimer = setTimeout(() => {
      threads.delete(thread);
      idle.splice(idle.indexOf(thread), 1);
      void thread.worker.terminate();
    }, options.idleMs).unref();
    idle.push(thread);
  };

  const dispatch = (): void => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const thread = idle.pop() ?? (threads.size < options.size ? start() : null);
      if (!thread) {
        queue.unshift(job);
        return;
      }
      runOn(thread, job);
    }
  };

  const runOn = (thread: Thread, job: Job<Request, Result>) => {
    const { worker } = thread;
    if (thread.idleTimer) clearTimeout(thread.idleTimer);
    worker.ref();
    const settle = () => {
      clearTimeout(deadline);
      worker.off("message", onMessage);
      worker.off("error", onFailure);
      worker.off("exit", onFailure);
    };
    const onMessage = (result: Result) => {
      settle();
      park(thread);
      job.resolve(result);
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
      end(() => job.reject(error instanceof Error ? error : new Error(`worker thread exited (${String(error)})`)));
    const deadline = setTimeout(() => end(() => job.resolve(PAST_DEADLINE)), job.deadlineMs);
    worker.on("message", onMessage);
    worker.once("error", onFailure);
    worker.once("exit", onFailure);
    worker.postMessage(job.request);
  };

  return {
    run: (request, deadlineMs) =>
      new Promise((resolve, reject) => {
        queue.push({ request, deadlineMs, resolve, reject });
        dispatch();
      }),
    stop: async () => {
      const all = [...threads];
      threads.clear();
      idle.length = 0;
      for (const thread of all) if (thread.idleTimer) clearTimeout(thread.idleTimer);
      await Promise.all(all.map((t) => t.worker.terminate()));
    },
  };
}
