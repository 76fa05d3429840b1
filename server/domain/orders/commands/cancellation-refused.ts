import type { Db } from "../../../../db/client";
import { clearCancellationRequest } from "../../../../db/queries/cancellation";
import { writeOrderDeadline } from "../../../../db/queries/deadlines";
import { reinstateUpdates, setAsideUpdates } from "../../../../db/queries/outbox";
import { insertTimelineEntry } from "../../../../db/queries/timeline";
import { CHANNEL_LABELS } from "../../channels/channels";
import { heldInvoiceNotice, invoiceHeldUntilShipment } from "../../channels/rules";
import { deadlineColumns } from "../deadlines";
import { CANCELLATION_SET_ASIDE } from "./stock-and-cancel";

export type RefusedCancellation = { orderId: number; accountId: number; cancelUpdateId: number };

/**
 * The marketplace refused the seller's cancellation request (SPEC §2): the order is plainly invoiced again and
 * the seller may act on it. What the request had set aside goes back where it was — above all an invoice the
 * channel takes only with the shipment, which must be held again so that it leaves with the tracking data.
 * Runs inside the transaction that records the marketplace's answer.
 */
export function cancellationRefused(db: Db, refused: RefusedCancellation, now: Date): void {
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
  reinstateUpdates(db, held, "held", now);
  reinstateUpdates(db, due, "pending", now);
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
