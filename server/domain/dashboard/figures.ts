// How the dashboard's money and trend figures read: shares of late orders and average durations, in pt-BR.

/** One stage (invoice or shipment) of the orders of a period: how many went through it, late, and how fast. */
export interface StageTally {
  /** Orders that reached the stage: done, or still waiting for it. */
  orders: number;
  /** Done after the deadline. */
  doneLate: number;
  /** Still waiting, with the deadline past. */
  openLate: number;
  /** Done, with the time from the approval known. */
  timed: number;
  /** Sum of the times from the approval, in milliseconds, over `timed` orders. */
  totalMs: number;
}

export const EMPTY_STAGE: StageTally = { orders: 0, doneLate: 0, openLate: 0, timed: 0, totalMs: 0 };

export function addStages(a: StageTally, b: StageTally): StageTally {
  return {
    orders: a.orders + b.orders,
    doneLate: a.doneLate + b.doneLate,
    openLate: a.openLate + b.openLate,
    timed: a.timed + b.timed,
    totalMs: a.totalMs + b.totalMs,
  };
}

/** Late orders as a share of the stage, 0–100, or null for a stage no order reached (not a 0 % to be proud of). */
export function lateShare(stage: StageTally): number | null {
  return stage.orders ? ((stage.doneLate + stage.openLate) / stage.orders) * 100 : null;
}

const percent = new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 1 });

/** 12.345 → "12,3%"; null → "—". */
export function formatShare(share: number | null): string {
  return share === null ? "—" : `${percent.format(share)}%`;
}

const MINUTE_MS = 60_000;

/** The average time from the approval, or null when no order of the stage is done. */
export function averageMs(stage: StageTally): number | null {
  return stage.timed ? stage.totalMs / stage.timed : null;
}

/**
 * A duration as a manager reads it, rounded to its largest two units: "35 min", "5 h 20 min", "2 d 4 h". A
 * negative duration (an invoice dated before the approval the marketplace reported late) reads as "0 min".
 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.max(0, Math.round(ms / MINUTE_MS));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
  }
  const hours = Math.round(minutes / 60);
  const rest = hours % 24;
  return rest ? `${Math.floor(hours / 24)} d ${rest} h` : `${hours / 24} d`;
}

/** Orders late right now in any stage the seller owes (acceptance too): what the board's "late" filter lists. */
export function lateNow(stages: { invoice: StageTally; ship: StageTally; acceptOpenLate: number }): number {
  return stages.invoice.openLate + stages.ship.openLate + stages.acceptOpenLate;
}
