// Several web processes sharing one port (node:cluster): better-sqlite3 answers synchronously, so one process
// serves one request at a time and a slow one made every other wait; with one process per core the others keep
// answering and both cores work. Each process has its own Next and its own SQLite connection (WAL lets them read
// while another writes); nothing they keep in memory has to agree (sessions are checked in the database on every
// request, rate limits live there too).
import cluster from "node:cluster";
import { availableParallelism } from "node:os";

/** `WEB_PROCESSES`, or one per core the machine gives this process; null when it is not a whole number from 1. */
export function webProcessCount(value = process.env.WEB_PROCESSES): number | null {
  if (value === undefined || value.trim() === "") return availableParallelism();
  const count = Number(value);
  return Number.isInteger(count) && count >= 1 ? count : null;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** A process that served this long before dying was not crash-looping: the next one starts at once again. */
const STABLE_MS = 60_000;

/**
 * The primary process: forks `count` web processes, says `onReady` once all of them listen, forks again (with
 * back-off) any that dies, and on SIGTERM or SIGINT stops them all, then itself.
 */
export function superviseWebProcesses(count: number, onReady: () => void): void {
  let stopping = false;
  let ready = false;
  let retryMs = FIRST_RETRY_MS;
  const listening = new Set<number>();
  const bornAt = new Map<number, number>();

  const fork = () => {
    if (stopping) return;
    bornAt.set(cluster.fork().id, Date.now());
  };
  const running = () =>
    Object.values(cluster.workers ?? {}).filter((w): w is NonNullable<typeof w> => w !== undefined && !w.isDead());

  cluster.on("listening", (worker) => {
    listening.add(worker.id);
    if (!ready && listening.size >= count) {
      ready = true;
      onReady();
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    listening.delete(worker.id);
    if (stopping) {
      if (running().length === 0) process.exit(0);
      return;
    }
    if (Date.now() - (bornAt.get(worker.id) ?? 0) > STABLE_MS) retryMs = FIRST_RETRY_MS;
    bornAt.delete(worker.id);
    const how = signal ? `sinal ${signal}` : `código ${code}`;
    console.error(`[web] o processo ${worker.process.pid} parou (${how}); outro sobe em ${retryMs / 1000} s.`);
    setTimeout(fork, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  });

  for (let i = 0; i < count; i++) fork();

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const workers = running();
      if (workers.length === 0) process.exit(0);
      for (const worker of workers) worker.process.kill("SIGTERM");
      // Each process gives its requests 3 s; past that, nothing is left worth waiting for.
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}
