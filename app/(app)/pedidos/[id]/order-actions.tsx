"use client";

import { useState } from "react";
import type { ChannelId, LogisticsModeId } from "@/server/domain/channels/channels";
import { offeredActions } from "@/server/domain/orders/order-guidance";
import type { OrderStatus } from "@/server/domain/orders/status";
import type { SellerAction } from "@/server/domain/orders/transitions";
import { secondaryButton } from "../../../_components/form";
import { ManualChangeWarning } from "../../../_components/manual-change-warning";
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
  handledManuallyAt: Date | null;
}

const DIALOGS: readonly DialogKind[] = [
  "accept",
  "refuse",
  "markDelivered",
  "reportDeliveryProblem",
  "markOutOfStock",
  "restock",
  "cancel",
];

/** The seller's forms and buttons, offered only where the shared transition table allows them. */
export function OrderActions({
  order,
  onDone,
  onReload,
}: {
  order: OrderForActions;
  onDone: (action: SellerAction, outcome: ActionOutcome) => void;
  onReload: () => void;
}) {
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const offered = offeredActions(order);
  if (offered.length === 0) return null;
  const buttons = DIALOGS.filter((kind) => offered.includes(kind as SellerAction)).map((kind) =>
    kind === "cancel" && order.status === "INVOICED" ? "requestCancellation" : kind,
  );

  return (
    <section aria-label="Atualizar o pedido" className="space-y-3">
      {/* Said once, where the seller acts; an order handled manually is the seller's to follow in the panel. */}
      {order.handledManuallyAt === null && <ManualChangeWarning />}
      {offered.includes("invoice") && (
        <InvoiceForm order={order} onDone={(o) => onDone("invoice", o)} onReload={onReload} />
      )}
      {offered.includes("ship") && (
        <ShipForm
          order={order}
          resend={order.status === "SHIPMENT_EXCEPTION"}
          onDone={(o) => onDone("ship", o)}
          onReload={onReload}
        />
      )}
      {buttons.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {buttons.map((kind) => (
            <button key={kind} type="button" className={secondaryButton} onClick={() => setDialog(kind)}>
              {DIALOG_LABELS[kind]}
            </button>
          ))}
        </div>
      )}
      <ActionDialog
        kind={dialog}
        order={order}
        onClose={() => setDialog(null)}
        onDone={(o) => dialog && onDone(dialog, o)}
        onReload={onReload}
      />
    </section>
  );
}
