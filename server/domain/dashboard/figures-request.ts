import type { DashboardPeriod } from "./overview";

/** One dashboard computation. */
export type FiguresComputation = { accountId: number; now: Date } & (
  | { kind: "overview"; period: DashboardPeriod }
  | { kind: "sales"; chosen: { from?: string; to?: string } }
);

/** A computation a worker thread runs against the database file at `dbPath`. */
export type FiguresRequest = FiguresComputation & { dbPath: string };

/** The figures, or what went wrong in the thread (its code kept, so a storage fault keeps its pt-BR message). */
export type FiguresAnswer = { ok: true; figures: unknown } | { ok: false; message: string; code: string | null };
