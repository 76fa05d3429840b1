import type { Db } from "../../../../db/client";
import { clearCancellationRequest } from "../../../../db/queries/cancellation";
import { writeOrderDeadline } from "../../../../db/queries/deadlines";
import { reinstateUpdates, type SettlementItem, setAsideUpdates } from "../../../../db/queries/outbox";
import { insertTimelineEntry } from "../../../../db/queries/timeline";
import { CHANNEL_LABELS } from "../../channels/channels";
import { heldInvoiceNotice, invoiceHeldUntilShipment } from "../../channels/rules";
import { deadlineColumns } from "../deadlines";
import { CANCELLATION_SET_ASIDE } from "./stock-and-cancel";

export type RefusedCancellation = { orderId: number; accountId: number; cancelUpdateId: number };

type Answer = {
  update: Pick<SettlementItem["update"], "id" | "kind" | "orderId" | "accountId">;
  result: { state: string };
};

/** Only the marketplace's refusal of a `cancel` update refuses the request; any other answer leaves the order as is. */
export function refusedCancellationIn({ update, result }: Answer): RefusedCancellation | null {
  if (update.kind !== "cancel" || result.state !== "rejected") return null;
  return { orderId: update.orderId, accountId: update.accountId, cancelUpdateId: update.id };
}

/**
 * What a recorded answer means for its order, written in the transaction that records the answer. The clock is
 * read at the change, as the worker read it, and not for the many answers that change nothing.
 */
export function afterAnswerRecorded(db: Db, answer: Answer, now: () => Date): void {
  const refused = refusedCancellationIn(answer);
  if (refused) cancellationRefused(db, refused, now());
}

/**
 * The marketplace refused the seller's cancellation request (SPEC §2): the order is plainly invoiced again and
 * the seller may act on it. What the request had set aside goes back where it was — above all an invoice the
 * channel takes only with the shipment, which must be held again so that it leaves with the tracking data.
 * Runs inside the transaction that records the marketplace's answer.
 */
function cancellationRefused(db: Db, refused: RefusedCancellation, now: Date): void {
  const order = clearCancellationRequest(db, refused.orderId, refused.accountId, now);
  // The order is the seller's again, and so is its deadline.
  if (order) writeOrderDeadline(db, order.id, order.accountId, deadlineColumns(order));
  // Canceled or moved on by the marketplace meanwhile: nothing set aside applies any more.
  if (order?.status !== "INVOICED") return;
  const setAside = setAsideUpdates(db, order.id, order.accountId, refused.cancelUpdateId, CANCELLATION_SET_ASIDE);
  if (setAside.length === 0) return;
  const holdsInvoice = invoiceHeldUntilShipment(order.channel, order.logisticsMode);
  const held = setAside.filter((u) => u.kind === "invoice" && holdsInvoice).map((u) => u.id);
  const due = setAside.filter((u) => !held.includes(u.id)).map((u) => u.id);
  // A held update waits for the shipment, not for a time; the rest go out at once, the request being over.
  reinstateUpdates(db, held, { state: "held", nextAttemptAt: null }, now);
  reinstateUpdates(db, due, { state: "pending", nextAttemptAt: now }, now);
  const channel = CHANNEL_LABELS[order.channel];
  insertTimelineEntry(db, {
    orderId: order.id,
    accountId: order.accountId,
    at: now,
    actorType: "channel",
    actorUserId: null,
    actorName: channel,
    kind: "order.cancellation_refused",
    fromStatus: null,
    toStatus: null,
    summary:
      held.length > 0
        ? `Cancelamento recusado: a nota fiscal volta a aguardar os dados de envio. ${heldInvoiceNotice(order.channel)}`
        : "Cancelamento recusado: as atualizações que aguardavam o cancelamento voltaram para a fila de envio ao marketplace.",
    data: { reinstated: setAside.map((u) => u.id), held },
  });
}
