import type { Db } from "../../db/client";
import { listEnabledConnections, recordConnectionHealth } from "../../db/queries/connections";
import { releaseStaleImportFiles } from "../../db/queries/invoice-imports";
import { rebuildOrderIdBlocks } from "../../db/queries/order-id-blocks";
import { releaseLease, takeLease } from "../../db/queries/worker-leases";
import type { ChannelAdapter } from "../channels/adapter";
import type { ConnectionInfo } from "../channels/registry";
import { plural } from "../domain/format";
import { describeFailure, storageFault } from "../domain/storage-errors";
import { connectionInfo } from "../sync/connection-info";
import { type IngestStats, ingestConnection } from "../sync/ingest";
import { drainNotifications } from "../sync/notifications";
import { reconcileAll } from "../sync/reconcile";
import { replicateOnce } from "../sync/replicate";
import { reportStaleUpdates } from "../sync/stale-updates";

/** How the worker replicates unless told otherwise (WORKER_BATCH, WORKER_LANES); the benchmark measures these. */
export const REPLICATION_DEFAULTS = { batch: 50, lanes: 4 } as const;

export interface WorkerOptions {
  owner: string;
  adapterFor: (connection: ConnectionInfo) => ChannelAdapter;
  pullEveryMs: number;
  reconcileEveryMs: number;
  idleWaitMs: number;
  batch: number;
  /** Replication passes in flight at once (see startWorker). */
  lanes: number;
  leaseMs: number;
  /** The longest wait between two attempts of an update; five minutes unless set. */
  retryMaxMs?: number;
  log?: (line: string) => void;
}

/** Unconfirmed bulk NF-e uploads keep their files this long; their rows and results stay. */
const IMPORT_FILES_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/** How often the name search's id blocks are recomputed (see rebuildOrderIdBlocks). */
const ORDER_ID_BLOCKS_REBUILT_EVERY_MS = 60 * 60 * 1000;

/**
 * How long a worker holds a connection's read or the reconciliation round before another may take it over: longer
 * than either takes (a read is a few calls of at most 10 s each), short enough that a worker that died holds up
 * nobody for long. Released as soon as the work is done.
 */
const PULL_LEASE_MS = 2 * 60_000;
const RECONCILE_LEASE = "reconcile";
const RECONCILE_LEASE_MS = 10 * 60_000;

const addStats = (a: IngestStats, b: IngestStats): IngestStats => ({
  created: a.created + b.created,
  changed: a.changed + b.changed,
  flagged: a.flagged + b.flagged,
  skipped: a.skipped + b.skipped,
});

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * Replication drains the outbox as fast as the marketplace answers, in `lanes` loops at once: while one lane
 * records a batch's answers, another's requests are on the wire, so neither the hub nor the marketplace waits
 * for the other. Each claim leases its own rows, and only an order's oldest unsettled update is ever due, so
 * lanes never send the same update or an order's updates out of order. Ingestion pulls every connection on a
 * schedule. stop() lets the current passes finish (answers already received get recorded).
 */
export function startWorker(db: Db, options: WorkerOptions) {
  const controller = new AbortController();
  const log = options.log ?? (() => {});

  async function replicationLane() {
    while (!controller.signal.aborted) {
      try {
        const sent = await replicateOnce(db, options);
        if (sent < options.batch) await sleep(options.idleWaitMs, controller.signal);
      } catch (error) {
        log(`replicação falhou: ${describeFailure(error)}`);
        await sleep(options.idleWaitMs * 4, controller.signal);
      }
    }
  }

  async function ingestionLoop() {
    while (!controller.signal.aborted) {
      for (const connection of listEnabledConnections(db)) {
        if (controller.signal.aborted) break;
        const lease = `pull:${connection.id}`;
        try {
          // Another worker reading this connection now: it is its turn (several workers share one database).
          if (!takeLease(db, lease, options.owner, new Date(), PULL_LEASE_MS)) continue;
          const info = connectionInfo(db, connection);
          const adapter = options.adapterFor(info);
          const notified = await drainNotifications(db, connection, info.credentials, adapter);
          const stats = addStats(notified, await ingestConnection(db, connection, adapter));
          if (connection.lastError) recordConnectionHealth(db, connection.id, { lastError: null, at: new Date() });
          if (stats.created || stats.changed || stats.flagged || stats.skipped) {
            log(
              `${connection.channel} (conta ${connection.accountId}): ${stats.created} novos, ${stats.changed} alterados, ${stats.flagged} sinalizados${stats.skipped ? `, ${stats.skipped} ignorados por dados inválidos` : ""}`,
            );
          }
        } catch (error) {
          const message = describeFailure(error);
          log(`leitura de ${connection.channel} (conta ${connection.accountId}) falhou: ${message}`);
          // The connections page shows it to the seller; adapters word their failures in pt-BR. A disk that refused
          // the pull's writes is not the marketplace's doing, and would refuse this one too: the next pull retries.
          if (message !== connection.lastError && !storageFault(error))
            recordConnectionHealth(db, connection.id, { lastError: message, at: new Date() });
        } finally {
          giveBack(lease);
        }
      }
      await sleep(options.pullEveryMs, controller.signal);
    }
  }

  // Reads each open order back from its marketplace and opens or clears divergences (SPEC §5), and keeps house.
  async function reconciliationLoop() {
    let blocksRebuiltAt = Date.now();
    while (!controller.signal.aborted) {
      await sleep(options.reconcileEveryMs, controller.signal);
      if (controller.signal.aborted) break;
      try {
        // One round at a time across workers: two would both open the divergence they found.
        if (!takeLease(db, RECONCILE_LEASE, options.owner, new Date(), RECONCILE_LEASE_MS)) continue;
        reportStaleUpdates(db, log);
        const found = await reconcileAll(db, options.adapterFor);
        if (found) log(`conciliação: ${plural(found, "divergência", "divergências")} em aberto`);
        releaseStaleImportFiles(db, new Date(Date.now() - IMPORT_FILES_KEPT_MS));
        if (Date.now() - blocksRebuiltAt >= ORDER_ID_BLOCKS_REBUILT_EVERY_MS) {
          rebuildOrderIdBlocks(db);
          blocksRebuiltAt = Date.now();
        }
      } catch (error) {
        log(`conciliação falhou: ${describeFailure(error)}`);
      } finally {
        giveBack(RECONCILE_LEASE);
      }
    }
  }

  // A lease the database would not let go of (a disk refusing writes) lapses by itself; the loop goes on.
  const giveBack = (lease: string) => {
    try {
      releaseLease(db, lease, options.owner);
    } catch {
      // Already said by the work that failed.
    }
  };

  const lanes = Array.from({ length: Math.max(1, options.lanes) }, () => replicationLane());
  const running = Promise.all([...lanes, ingestionLoop(), reconciliationLoop()]);
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
