// Opening a hostile zip and parsing its notes costs up to seconds of CPU; the web server's thread must not do it
// (server/runtime/thread-pool.ts).
import { availableParallelism } from "node:os";
import { PAST_DEADLINE, threadPool } from "../../runtime/thread-pool";
import type { UploadRead, UploadReadRequest } from "./read-upload";

// The limits bound what an upload inflates, not how long its notes take to parse: a crafted 3 MB XML of tiny
// elements parses for seconds. Past this the thread is ended, so no upload holds the pool for long.
export const READ_DEADLINE_MS = 60_000;

const readers = threadPool<UploadReadRequest, UploadRead>({
  entry: () => new URL("./upload-worker.ts", import.meta.url),
  // The web server keeps a core of its own; more threads than this only queue uploads behind the same cores.
  size: Math.max(1, Math.min(2, availableParallelism() - 1)),
  // A thread stays for the next batch of the same upload.
  idleMs: 60_000,
  maxOldGenerationSizeMb: 512,
});

/**
 * Reads one upload (zips opened within the budget, every note read for the seller) in a worker thread; `time`
 * when it takes longer than `deadlineMs` once a thread has it.
 */
export async function readUploadOffThread(
  request: UploadReadRequest,
  deadlineMs = READ_DEADLINE_MS,
): Promise<UploadRead> {
  const read = await readers.run(request, deadlineMs);
  return read === PAST_DEADLINE ? { ok: false, limit: "time" } : read;
}

/** Ends every reader thread (tests, shutdown); a later upload starts new ones. */
export function stopUploadReaders(): Promise<void> {
  return readers.stop();
}
