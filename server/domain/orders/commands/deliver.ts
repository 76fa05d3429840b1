import { lastHandedAt } from "../../../../db/queries/shipments";
import { DomainError } from "../../errors";
import { checkFreeText, FREE_TEXT } from "../../text/free-text";
import { formatBrDate, isYmd, saoPauloDayStart, toSaoPauloYmd } from "../../time";
import { applyOrderChange, type ChangeResult } from "./apply";
import { ensureSellerMay, type OrderRef, type SellerCommandContext } from "./context";

export type DeliveredInput = OrderRef & { deliveredOn: string };
export type DeliveryProblemInput = OrderRef & { occurredOn: string; observation: string };

function checkDay(day: string, field: string, notBefore: Date | null, now: Date, what: string): Date {
  if (!isYmd(day)) throw new DomainError("INVALID_INPUT", `Informe a data ${what} no formato dd/mm/aaaa.`, field);
  if (day > toSaoPauloYmd(now)) throw new DomainError("INVALID_INPUT", `A data ${what} não pode ser futura.`, field);
  if (notBefore && day < toSaoPauloYmd(notBefore)) {
    throw new DomainError(
      "INVALID_INPUT",
      `A data ${what} não pode ser anterior ao envio (${formatBrDate(toSaoPauloYmd(notBefore))}).`,
      field,
    );
  }
  return saoPauloDayStart(day);
}

/** SHIPPED or SHIPMENT_EXCEPTION → DELIVERED, unless the marketplace reports deliveries for this logistics mode. */
export function markDelivered(ctx: SellerCommandContext, input: DeliveredInput): ChangeResult {
  const now = ctx.now ?? new Date();
  let deliveredAt = now;
  return applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: input.orderId,
    expectedVersion: input.version,
    actor: ctx.actor,
    now,
    check: (order) => {
      ensureSellerMay(order, "markDelivered");
      deliveredAt = checkDay(
        input.deliveredOn,
        "deliveredOn",
        lastHandedAt(ctx.db, ctx.accountId, order.id),
        now,
        "de entrega",
      );
    },
    to: () => "DELIVERED",
    kind: "order.delivered",
    summary: `Entregue ao cliente em ${formatBrDate(input.deliveredOn)}`,
    data: { deliveredOn: input.deliveredOn },
    outbox: () => [{ kind: "delivered", state: "pending", payload: { deliveredAt: deliveredAt.toISOString() } }],
  });
}

export function reportDeliveryProblem(ctx: SellerCommandContext, input: DeliveryProblemInput): ChangeResult {
  const now = ctx.now ?? new Date();
  // Checked after the flow, like the day: a note typed on an order that cannot take it is not worth judging.
  const checked = checkFreeText(input.observation, FREE_TEXT.deliveryObservation);
  const observation = checked.ok ? checked.text : "";
  let occurredAt = now;
  return applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: input.orderId,
    expectedVersion: input.version,
    actor: ctx.actor,
    now,
    check: (order) => {
      ensureSellerMay(order, "reportDeliveryProblem");
      occurredAt = checkDay(
        input.occurredOn,
        "occurredOn",
        lastHandedAt(ctx.db, ctx.accountId, order.id),
        now,
        "da ocorrência",
      );
      if (!checked.ok) throw new DomainError("INVALID_INPUT", checked.message, FREE_TEXT.deliveryObservation.field);
    },
    to: () => "SHIPMENT_EXCEPTION",
    kind: "order.delivery_problem",
    summary: `Problema de entrega: ${observation}`,
    data: { occurredOn: input.occurredOn, observation },
    outbox: () => [
      { kind: "delivery_problem", state: "pending", payload: { occurredAt: occurredAt.toISOString(), observation } },
    ],
  });
}
