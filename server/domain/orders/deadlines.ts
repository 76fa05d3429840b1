import type { ChannelId, LogisticsModeId } from "../channels/channels";
import { CHANNEL_RULES, marketplaceShips } from "../channels/rules";
import { saoPauloDayEnd, toSaoPauloYmd } from "../time";
import type { DeadlineKind } from "./deadline-kinds";
import type { OrderStatus } from "./status";

// SPEC §3 "Deadlines": each open order's next deadline comes from its channel's rules. Late is the seller's to act
// on, never a divergence (SPEC §5).

export type DeadlineState = "late" | "today" | "upcoming";

/** What the next deadline depends on: the columns written with every status change. */
export interface DeadlineSource {
  status: OrderStatus;
  channel: ChannelId;
  logisticsMode: LogisticsModeId;
  placedAt: Date;
  approvedAt: Date | null;
  statusChangedAt: Date;
  cancellationRequestedAt: Date | null;
  /** The marketplace's promised dispatch date, when its API gives one: it is the ship-by deadline. */
  promisedShipAt?: Date | null;
}

export interface Deadline {
  kind: DeadlineKind;
  at: Date;
}

const HOUR_MS = 3_600_000;

/** Statuses that can carry a deadline; orders in any other status never have one. */
export const STATUSES_WITH_DEADLINE: readonly OrderStatus[] = [
  "AWAITING_ACCEPTANCE",
  "APPROVED",
  "OUT_OF_STOCK",
  "INVOICED",
];

/**
 * The order's next deadline, or null when nothing is the seller's to do by a date. Out of stock keeps the invoice
 * deadline: the marketplace's clock does not stop. A cancellation request waits for the marketplace, and where the
 * marketplace dispatches the parcel the seller's part ends with the invoice.
 */
export function nextDeadline(order: DeadlineSource): Deadline | null {
  if (order.cancellationRequestedAt && order.status !== "CANCELED") return null;
  const rule = CHANNEL_RULES[order.channel];
  // Mirakl's orders carry no acceptance deadline (acceptance_decision_date is when the shop decided): the rule's.
  if (order.status === "AWAITING_ACCEPTANCE") {
    return { kind: "accept", at: new Date(order.placedAt.getTime() + rule.acceptanceDeadlineHours * HOUR_MS) };
  }
  if (order.status === "APPROVED" || order.status === "OUT_OF_STOCK") {
    const approved = (order.approvedAt ?? order.placedAt).getTime();
    return { kind: "invoice", at: new Date(approved + rule.invoiceDeadlineHours * HOUR_MS) };
  }
  if (order.status === "INVOICED" && !marketplaceShips(order.channel, order.logisticsMode)) {
    const promised = order.promisedShipAt;
    return {
      kind: "ship",
      at: promised ?? new Date(order.statusChangedAt.getTime() + rule.shipDeadlineHours * HOUR_MS),
    };
  }
  return null;
}

/** The two columns of `orders` that hold the next deadline, as every status change writes them. */
export function deadlineColumns(order: DeadlineSource): { deadlineAt: Date | null; deadlineKind: DeadlineKind | null } {
  const deadline = nextDeadline(order);
  return { deadlineAt: deadline?.at ?? null, deadlineKind: deadline?.kind ?? null };
}

/** The instant the São Paulo day of `now` ends: deadlines before it and not yet past are due today. */
export function endOfToday(now: Date): Date {
  return saoPauloDayEnd(toSaoPauloYmd(now));
}

export function deadlineState(at: Date, now: Date): DeadlineState {
  if (at.getTime() < now.getTime()) return "late";
  return at.getTime() < endOfToday(now).getTime() ? "today" : "upcoming";
}

const SAO_PAULO_OFFSET_MS = 3 * HOUR_MS;
const two = (n: number) => String(n).padStart(2, "0");

function dayMonth(at: Date): string {
  const local = new Date(at.getTime() - SAO_PAULO_OFFSET_MS);
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}`;
}

function hourMinute(at: Date): string {
  const local = new Date(at.getTime() - SAO_PAULO_OFFSET_MS);
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/** "hoje", "amanhã" or the day as dd/mm, in São Paulo. */
function dayWord(at: Date, now: Date): string {
  const day = toSaoPauloYmd(at);
  if (day === toSaoPauloYmd(now)) return "hoje";
  if (day === toSaoPauloYmd(endOfToday(now))) return "amanhã";
  return dayMonth(at);
}

const ACT: Record<DeadlineKind, string> = { invoice: "Fature", ship: "Despache", accept: "Aceite ou recuse" };
const MISSED: Record<DeadlineKind, string> = {
  invoice: "a nota fiscal devia ter sido emitida",
  ship: "o pedido devia ter sido despachado",
  accept: "o pedido devia ter sido aceito",
};
const FIX: Record<DeadlineKind, string> = {
  invoice: "informe a nota fiscal agora",
  ship: "informe o rastreio agora",
  accept: "aceite ou recuse agora, antes que o marketplace o recuse sozinho",
};

/** The deadline in plain words for the order page: when, and what to do. */
export function describeDeadline(kind: DeadlineKind, at: Date, now: Date): string {
  const word = dayWord(at, now);
  if (deadlineState(at, now) === "late") {
    const when = word === "hoje" ? `hoje às ${hourMinute(at)}` : `${dayMonth(at)} às ${hourMinute(at)}`;
    return `Atrasado: ${MISSED[kind]} até ${when}; ${FIX[kind]}.`;
  }
  const when = word === "hoje" || word === "amanhã" ? `${word}, ${hourMinute(at)}` : `${word} às ${hourMinute(at)}`;
  return `${ACT[kind]} até ${when}.`;
}

export interface DeadlineView {
  kind: DeadlineKind;
  at: Date;
  state: DeadlineState;
  sentence: string;
}

/** An order's stored deadline as the order page shows it; null when it has none. */
export function deadlineView(
  order: { deadlineAt: Date | null; deadlineKind: DeadlineKind | null },
  now: Date,
): DeadlineView | null {
  if (!order.deadlineAt || !order.deadlineKind) return null;
  const { deadlineAt: at, deadlineKind: kind } = order;
  return { kind, at, state: deadlineState(at, now), sentence: describeDeadline(kind, at, now) };
}
