"use client";

import { useState } from "react";
import type { ChannelId, LogisticsModeId } from "@/server/domain/channels/channels";
import {
  heldInvoiceNotice,
  invoiceHeldUntilShipment,
  marketplaceReportsDelivery,
  marketplaceShips,
} from "@/server/domain/channels/rules";
import type { OrderStatus } from "@/server/domain/orders/status";
import { type SellerAction, sellerRefusal } from "@/server/domain/orders/transitions";
import { secondaryButton } from "../../../_components/form";
import { ActionDialog, DIALOG_LABELS, type DialogKind } from "./action-dialogs";
import { InvoiceForm } from "./invoice-form";
import { ShipForm } from "./ship-form";
import type { ActionOutcome } from "./use-order-action";

interface OrderForActions {
  id: number;
  version: number;
  status: OrderStatus;
  channel: ChannelId;
  logisticsMode: LogisticsModeId;
  cancellationRequestedAt: Date | null;
}

const DIALOG_ACTIONS: { kind: DialogKind; action: SellerAction }[] = [
  { kind: "markDelivered", action: "markDelivered" },
  { kind: "reportDeliveryProblem", action: "reportDeliveryProblem" },
  { kind: "markOutOfStock", action: "markOutOfStock" },
  { kind: "restock", action: "restock" },
  { kind: "cancel", action: "cancel" },
];

/** The seller's forms and buttons, offered only where the shared transition table allows them. */
export function OrderActions({
  order,
  onDone,
  onReload,
}: {
  order: OrderForActions;
  onDone: (o: ActionOutcome) => void;
  onReload: () => void;
}) {
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const allowed = (action: SellerAction) => sellerRefusal(order, action) === null;
  const held = invoiceHeldUntilShipment(order.channel, order.logisticsMode);
  const buttons = DIALOG_ACTIONS.filter((d) => allowed(d.action)).map((d) =>
    d.kind === "cancel" && order.status === "INVOICED" ? { ...d, kind: "requestCancellation" as const } : d,
  );
  const marketplaceDispatches = order.status === "INVOICED" && marketplaceShips(order.channel, order.logisticsMode);
  const marketplaceDelivers =
    (order.status === "SHIPPED" || order.status === "SHIPMENT_EXCEPTION") &&
    marketplaceReportsDelivery(order.channel, order.logisticsMode);

  return (
    <div className="space-y-3">
      {allowed("invoice") && <InvoiceForm order={order} onDone={onDone} onReload={onReload} />}
      {allowed("ship") && (
        <ShipForm
          order={order}
          resend={order.status === "SHIPMENT_EXCEPTION"}
          heldNotice={held && order.status === "INVOICED" ? heldInvoiceNotice(order.channel) : null}
          onDone={onDone}
          onReload={onReload}
        />
      )}
      {marketplaceDispatches && (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
          Neste modo de entrega quem despacha é o marketplace, com a etiqueta dele: não há rastreio a informar. O Fluxo
          atualiza o pedido quando o envio for informado.
        </p>
      )}
      {marketplaceDelivers && (
        <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
          Neste modo de entrega o marketplace informa a entrega: o Fluxo atualiza o pedido quando ela for confirmada.
        </p>
      )}
      {buttons.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {buttons.map((b) => (
            <button key={b.kind} type="button" className={secondaryButton} onClick={() => setDialog(b.kind)}>
              {DIALOG_LABELS[b.kind]}
            </button>
          ))}
        </div>
      )}
      <ActionDialog kind={dialog} order={order} onClose={() => setDialog(null)} onDone={onDone} onReload={onReload} />
    </div>
  );
}
