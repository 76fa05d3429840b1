import { CHANNEL_WITH_ARTICLE, type ChannelId, type LogisticsModeId } from "../channels/channels";
import { heldInvoiceNotice, hubOnlyStockNotice } from "../channels/rules";
import { formatDateTime } from "../format";
import { AWAITING_CONFIRMATION_LABEL, awaitsConfirmation } from "../replication/awaiting-confirmation";
import { REPLICATION_STATE_LABELS, UPDATE_KIND_LABELS } from "../replication/labels";
import type { OutboxState } from "../replication/outbox-states";
import { readableReason, translateCodes } from "../replication/reason-labels";
import type { DeadlineState, DeadlineView } from "./deadlines";
import { type OrderStatus, orderStatusLabel } from "./status";
import { nextStepHint, type SellerAction, sellerRefusal } from "./transitions";

// SPEC §2, §4, §5 on the order page: one status line, one next step and at most one notice per fact, all read from
// the order as it is now, so nothing on the page can contradict anything else on it.

export interface GuidanceOrder {
  status: OrderStatus;
  channel: ChannelId;
  logisticsMode: LogisticsModeId;
  cancellationRequestedAt: Date | null;
  handledManuallyAt: Date | null;
}

export interface GuidanceUpdate {
  id: number;
  kind: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A timeline entry: the worker writes one per marketplace answer, naming the update in `data.outboxId`. */
export interface GuidanceEntry {
  at: Date;
  kind: string;
  data: Record<string, unknown> | null;
}

export interface GuidanceDivergence {
  id: number;
  kind: string;
  likelyCause: string;
  openedAt: Date;
  /** The hub's side when a check last confirmed the divergence (its `status` among the rest). */
  hubState: Record<string, unknown>;
}

/** The order's next deadline as orders.get gives it, its sentence already in plain words. */
export type GuidanceDeadline = Pick<DeadlineView, "state" | "sentence">;

export interface OrderGuidanceInput<D extends GuidanceDivergence> {
  order: GuidanceOrder;
  updates: GuidanceUpdate[];
  timeline: GuidanceEntry[];
  divergences: D[];
  deadline: GuidanceDeadline | null;
}

export type NoticeId = "handled-manually" | "held-invoice" | "hub-only-stock" | "cancel-through-marketplace";

export interface Notice {
  id: NoticeId;
  tone: "info" | "warning";
  text: string;
}

export interface UpdateMoment {
  what: "registrada" | "enviada" | "confirmada" | "recusada" | "descartada";
  at: Date;
}

export interface UpdateLine {
  id: number;
  kind: string;
  label: string;
  state: OutboxState;
  stateLabel: string;
  moments: UpdateMoment[];
  /** What the marketplace or the hub said about it, in pt-BR words. */
  reason: string | null;
  /** The seller may send it again from the page. */
  resendable: boolean;
  /** An update waiting to be tried again: which attempt failed last, and when the next one goes. */
  retry: { attempt: number; at: Date } | null;
}

export interface OrderGuidance<D extends GuidanceDivergence = GuidanceDivergence> {
  statusLine: string;
  deadline: { state: DeadlineState; text: string } | null;
  nextStep: string | null;
  notices: Notice[];
  updates: UpdateLine[];
  /** Divergences that still describe the order as it is now, their causes in words. */
  divergences: D[];
  /** The hub still replicates the order: a change in the marketplace's panel would break that. */
  synchronised: boolean;
}

const pendingCancellation = (order: GuidanceOrder) =>
  order.cancellationRequestedAt !== null && order.status !== "CANCELED";

/** Only the newest update of each kind speaks for it; older ones are history. */
function latestByKind(updates: GuidanceUpdate[]): Map<string, GuidanceUpdate> {
  return new Map(updates.map((u) => [u.kind, u]));
}

function stateLabel(update: GuidanceUpdate, order: GuidanceOrder): string {
  // The marketplace took the request; the status comes from it later, so "confirmed" would contradict the status.
  if (update.kind === "cancel" && update.state === "acknowledged" && pendingCancellation(order)) {
    return AWAITING_CONFIRMATION_LABEL;
  }
  if (awaitsConfirmation(update)) return AWAITING_CONFIRMATION_LABEL;
  return REPLICATION_STATE_LABELS[update.state];
}

function moments(update: GuidanceUpdate, answers: GuidanceEntry[]): UpdateMoment[] {
  const mine = answers.filter((e) => e.data?.outboxId === update.id);
  const list: UpdateMoment[] = [{ what: "registrada", at: update.createdAt }];
  const first = mine[0];
  if (first) list.push({ what: "enviada", at: first.at });
  if (update.state === "acknowledged") {
    const confirmed = mine.find((e) => e.kind === "replication.acknowledged");
    list.push({ what: "confirmada", at: confirmed?.at ?? update.updatedAt });
  }
  if (update.state === "rejected") list.push({ what: "recusada", at: update.updatedAt });
  if (update.state === "discarded") list.push({ what: "descartada", at: update.updatedAt });
  return list;
}

function reasonOf(update: GuidanceUpdate): string | null {
  if (update.state === "rejected") return readableReason(update.lastError);
  if (awaitsConfirmation(update)) return null;
  return update.lastError ? translateCodes(update.lastError) : null;
}

function nextStep(order: GuidanceOrder, rejected: GuidanceUpdate | undefined): string | null {
  if (order.handledManuallyAt) {
    return order.status === "DELIVERED" || order.status === "CANCELED"
      ? null
      : "Acompanhe o pedido até a entrega no painel do marketplace.";
  }
  if (rejected) {
    return `Resolva o que o marketplace apontou na atualização “${UPDATE_KIND_LABELS[rejected.kind] ?? rejected.kind}” e reenvie-a por aqui; se for preciso mudar um dado já informado, fale com o suporte do Fluxo.`;
  }
  return nextStepHint(order);
}

/** Everything the order page says about where the order stands and what to do, from one reading of it. */
export function orderGuidance<D extends GuidanceDivergence>(input: OrderGuidanceInput<D>): OrderGuidance<D> {
  const { order } = input;
  const synchronised = order.handledManuallyAt === null;
  const latest = latestByKind(input.updates);
  const answers = input.timeline.filter((e) => e.kind.startsWith("replication."));
  const rejected = synchronised ? [...latest.values()].find((u) => u.state === "rejected") : undefined;

  const notices: Notice[] = [];
  if (order.handledManuallyAt) {
    notices.push({
      id: "handled-manually",
      tone: "warning",
      text: `O suporte do Fluxo passou a tratar este pedido manualmente em ${formatDateTime(order.handledManuallyAt)}: o que você registrar aqui fica só no Fluxo e não vai ${CHANNEL_WITH_ARTICLE[order.channel]}.`,
    });
  }
  if (synchronised && latest.get("invoice")?.state === "held") {
    notices.push({ id: "held-invoice", tone: "info", text: heldInvoiceNotice(order.channel) });
  }
  const stockNotice = order.status === "OUT_OF_STOCK" ? hubOnlyStockNotice(order.channel) : null;
  if (synchronised && stockNotice) notices.push({ id: "hub-only-stock", tone: "info", text: stockNotice });
  // Where the seller would look for "Cancelar" and the channel takes no cancellation from the integration (Zoom).
  const cancelRefusal = sellerRefusal(order, "cancel");
  if (synchronised && cancelRefusal?.code === "CHANNEL_RULE")
    notices.push({ id: "cancel-through-marketplace", tone: "info", text: cancelRefusal.message });

  return {
    statusLine: orderStatusLabel(order),
    deadline: input.deadline ? { state: input.deadline.state, text: input.deadline.sentence } : null,
    nextStep: nextStep(order, rejected),
    notices,
    updates: input.updates.map((u) => ({
      id: u.id,
      kind: u.kind,
      label: UPDATE_KIND_LABELS[u.kind] ?? "Atualização",
      state: u.state,
      stateLabel: stateLabel(u, order),
      moments: moments(u, answers),
      reason: reasonOf(u),
      resendable: synchronised && u.state === "rejected" && latest.get(u.kind)?.id === u.id,
      retry:
        u.state === "retrying" && u.nextAttemptAt && !awaitsConfirmation(u)
          ? { attempt: u.attempts, at: u.nextAttemptAt }
          : null,
    })),
    // A finding about an earlier status is history until a check confirms it again (the next one is minutes away).
    divergences: input.divergences
      .filter((d) => d.hubState.status === undefined || d.hubState.status === order.status)
      .map((d) => ({ ...d, likelyCause: translateCodes(d.likelyCause) })),
    synchronised,
  };
}

const OFFERED: readonly SellerAction[] = [
  "accept",
  "refuse",
  "invoice",
  "ship",
  "markDelivered",
  "reportDeliveryProblem",
  "markOutOfStock",
  "restock",
  "cancel",
];

/** The forms and buttons the seller gets: what the transition table and the channel's rules allow now. */
export function offeredActions(order: GuidanceOrder): SellerAction[] {
  return OFFERED.filter((action) => sellerRefusal(order, action) === null);
}

/**
 * The order moved to another stage (status, a cancellation request, handled manually): forms opened for the stage
 * before describe something that is gone, so the page replaces them instead of keeping what was typed.
 */
export function stageChanged(before: GuidanceOrder, now: GuidanceOrder): boolean {
  return (
    before.status !== now.status ||
    (before.cancellationRequestedAt === null) !== (now.cancellationRequestedAt === null) ||
    (before.handledManuallyAt === null) !== (now.handledManuallyAt === null)
  );
}
