// The dashboard reads every order of a period: at a million orders, a second of CPU that would stall every other
// request on the web process's thread (bench/RESULTS.md, issue 16). A worker thread computes it instead.
import type { Db } from "../../../db/client";
import { PAST_DEADLINE, threadPool } from "../../runtime/thread-pool";
import { DomainError } from "../errors";
import type { FiguresAnswer, FiguresComputation, FiguresRequest } from "./figures-request";
import type { DashboardPeriod, dashboardOverview } from "./overview";
import type { SalesFigures } from "./sales";

const FIGURES_DEADLINE_MS = 30_000;

const pool = threadPool<FiguresRequest, FiguresAnswer>({
  entry: () => new URL("./figures-worker.ts", import.meta.url),
  // One per web process: there is one web process per core.
  size: 1,
  // Managers come back to the dashboard through the day: a thread ready for them saves a second of loading.
  idleMs: 10 * 60_000,
  maxOldGenerationSizeMb: 256,
});

async function figures(db: Db, computation: FiguresComputation): Promise<unknown> {
  const answer = await pool.run({ ...computation, dbPath: db.$client.name }, FIGURES_DEADLINE_MS);
  if (answer === PAST_DEADLINE) {
    throw new DomainError(
      "FIGURES_TOO_SLOW",
      "O painel levou tempo demais para ser calculado: escolha um período menor e tente de novo.",
    );
  }
  if (!answer.ok) throw Object.assign(new Error(answer.message), { code: answer.code });
  return answer.figures;
}

export async function overviewOffThread(db: Db, accountId: number, period: DashboardPeriod, now: Date) {
  return (await figures(db, { kind: "overview", accountId, period, now })) as ReturnType<typeof dashboardOverview>;
}

export async function salesOffThread(db: Db, accountId: number, chosen: { from?: string; to?: string }, now: Date) {
  return (await figures(db, { kind: "sales", accountId, chosen, now })) as SalesFigures;
}

/** Ends the figures thread (tests, shutdown); the next dashboard starts a new one. */
export function stopFiguresThreads(): Promise<void> {
  return pool.stop();
}
