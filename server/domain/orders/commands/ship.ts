import { latestInvoiceOf } from "../../../../db/queries/invoices";
import { releaseHeldUpdates } from "../../../../db/queries/outbox";
import { insertShipment } from "../../../../db/queries/shipments";
import { CHANNEL_LABELS } from "../../channels/channels";
import { CHANNEL_RULES } from "../../channels/rules";
import { DomainError } from "../../errors";
import { decodeAccessKey } from "../../invoice/access-key";
import {
  CARRIERS,
  checkTracking,
  HANDED_AT_FORMAT_MESSAGE,
  normalizeTrackingCode,
  type TrackingInput,
} from "../../shipping/tracking";
import { isYmd, saoPauloDayStart } from "../../time";
import { applyOrderChange, type ChangeResult } from "./apply";
import { ensureSellerMay, type OrderRef, type SellerCommandContext } from "./context";

export type ShipInput = OrderRef & { tracking: TrackingInput };

/**
 * When the NF-e was issued: exact from the XML; from a key alone only the month is known, so the package may
 * have been handed over from the first day of that month (the seller may type the key days after posting).
 */
function invoiceDate(invoice: { issuedAt: Date | null; accessKey: string; createdAt: Date } | undefined): Date | null {
  if (!invoice) return null;
  if (invoice.issuedAt) return invoice.issuedAt;
  const { year, month } = decodeAccessKey(invoice.accessKey);
  return year && month ? saoPauloDayStart(`${year}-${String(month).padStart(2, "0")}-01`) : invoice.createdAt;
}

/**
 * INVOICED → SHIPPED, or SHIPMENT_EXCEPTION → SHIPPED for a re-send. An invoice held by the channel rule is
 * released here so invoice and shipment reach the marketplace together (SPEC §4).
 */
export function shipOrder(ctx: SellerCommandContext, input: ShipInput): ChangeResult {
  const now = ctx.now ?? new Date();
  const code = normalizeTrackingCode(input.tracking.code);
  const url = input.tracking.url?.trim() || null;
  const carrierLabel = CARRIERS.find((c) => c.id === input.tracking.carrier)?.label ?? input.tracking.carrier;
  const handedAt =
    typeof input.tracking.handedAt === "string"
      ? isYmd(input.tracking.handedAt.trim())
        ? saoPauloDayStart(input.tracking.handedAt.trim())
        : null
      : input.tracking.handedAt;
  // A spreadsheet can carry any text as the date; the form's picker cannot.
  if (!handedAt || Number.isNaN(handedAt.getTime()))
    throw new DomainError("TRACKING_HANDEDAT", HANDED_AT_FORMAT_MESSAGE, "handedAt");

  return applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: input.orderId,
    expectedVersion: input.version,
    actor: ctx.actor,
    now,
    check: (order) => {
      ensureSellerMay(order, "ship");
      const invoice = latestInvoiceOf(ctx.db, ctx.accountId, order.id);
      const errors = checkTracking(input.tracking, { invoicedAt: invoiceDate(invoice) ?? order.placedAt, now });
      const first = errors[0];
      if (first) throw new DomainError(`TRACKING_${first.field.toUpperCase()}`, first.message, first.field);
      if (!url && CHANNEL_RULES[order.channel].trackingUrlRequired) {
        throw new DomainError(
          "TRACKING_URL",
          `${CHANNEL_LABELS[order.channel]} só aceita o rastreio junto com o link: cole o link da página de rastreio da transportadora.`,
          "url",
        );
      }
    },
    to: () => "SHIPPED",
    kind: "order.shipped",
    summary: `Envio informado: ${carrierLabel} · ${input.tracking.method.trim()} · rastreio ${code}`,
    data: {
      carrier: input.tracking.carrier,
      trackingCode: code,
      method: input.tracking.method.trim(),
      trackingUrl: url,
      handedAt: handedAt.toISOString(),
    },
    patch: () => ({ trackingCode: code }),
    write: (tx, order, at) => {
      insertShipment(tx, {
        orderId: order.id,
        accountId: ctx.accountId,
        carrier: input.tracking.carrier,
        trackingCode: code,
        method: input.tracking.method.trim(),
        trackingUrl: url,
        handedAt,
        createdAt: at,
        createdByUserId: ctx.actor.userId,
      });
    },
    outbox: (tx, order) => {
      // What was held for the shipment (an invoice the channel takes only with it) goes out with it now.
      releaseHeldUpdates(tx, ctx.accountId, order.id, now);
      return [
        {
          kind: "shipment",
          state: "pending",
          payload: {
            carrier: input.tracking.carrier,
            trackingCode: code,
            method: input.tracking.method.trim(),
            trackingUrl: url,
            handedAt: handedAt.toISOString(),
            invoiceKey: order.accessKey,
          },
        },
      ];
    },
  });
}
