"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback, useEffect, useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { heldInvoiceNotice, invoiceHeldUntilShipment } from "@/server/domain/channels/rules";
import { actionDoneMessage } from "@/server/domain/orders/order-guidance-outcome";
import { sellerRefusal } from "@/server/domain/orders/transitions";
import { Dialog, secondaryButton } from "../../_components/form";
import { ManualChangeWarning } from "../../_components/manual-change-warning";
import { useTRPC } from "../../_trpc/client";
import { toUiError } from "../../_trpc/errors";
import { InvoiceForm } from "./[id]/invoice-form";
import { ShipForm } from "./[id]/ship-form";
import type { ActionOutcome } from "./[id]/use-order-action";
import type { BoardRow } from "./board-row";
import type { RowAction } from "./row-next-step";

export interface RowActionTarget {
  row: BoardRow;
  action: RowAction;
}

type Order = inferRouterOutputs<AppRouter>["orders"]["get"]["order"];

const TITLES: Record<RowAction, string> = { invoice: "Faturar o pedido", ship: "Informar o envio do pedido" };

/**
 * The order page's own invoice and ship forms, over the board. The order is read when the dialog opens: the form
 * sends the version the seller saw, so a change made meanwhile is refused as on the order page.
 */
export function RowActionDialog({
  target,
  onClose,
  onDone,
}: {
  target: RowActionTarget | null;
  onClose: () => void;
  onDone: (message: string, outcome: ActionOutcome) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Read once when the dialog opens (and again on "Recarregar"), not polled: the form stays on the order as the
  // seller saw it, and the refresh after the action does not put a new form under the confirmation.
  const [loaded, setLoaded] = useState<{ order: Order | null; error: string | null } | null>(null);
  const load = useCallback(
    (id: number) => {
      setLoaded(null);
      queryClient.fetchQuery({ ...trpc.orders.get.queryOptions({ id }), staleTime: 0 }).then(
        (detail) => setLoaded({ order: detail.order, error: null }),
        (error: unknown) => setLoaded({ order: null, error: toUiError(error).message }),
      );
    },
    [queryClient, trpc],
  );
  const targetId = target?.row.id ?? null;
  useEffect(() => {
    if (targetId !== null) load(targetId);
  }, [targetId, load]);
  const order = loaded?.order;
  // The row was read up to a few seconds ago: the order may have moved on since (the marketplace cancelled it).
  const refusal = order && target ? sellerRefusal(order, target.action) : null;
  const ready = order && !refusal ? order : null;
  const done = (outcome: ActionOutcome) => {
    if (!target || !order) return;
    // The seller stays on the list: the confirmation names the order it was about.
    const sent = actionDoneMessage(target.action, order).replace(/\.$/, "");
    onDone(`${sent} — pedido ${order.marketplaceCode}.`, outcome);
  };
  const reload = () => targetId !== null && load(targetId);

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={target ? `${TITLES[target.action]} ${target.row.marketplaceCode}` : ""}
    >
      {!loaded && <p className="text-sm text-slate-600">Carregando pedido…</p>}
      {loaded?.error && (
        <p role="alert" className="text-sm text-red-800">
          {loaded.error}
        </p>
      )}
      {refusal && (
        <p role="alert" className="text-sm text-red-800">
          {refusal.message}
        </p>
      )}
      {ready && ready.handledManuallyAt === null && <ManualChangeWarning compact />}
      {ready && target?.action === "invoice" && (
        <InvoiceForm key={ready.version} order={ready} onDone={done} onReload={reload} />
      )}
      {ready && target?.action === "ship" && (
        <ShipForm
          key={ready.version}
          order={ready}
          resend={ready.status === "SHIPMENT_EXCEPTION"}
          heldNotice={shipReleasesHeldInvoice(ready) ? heldInvoiceNotice(ready.channel) : null}
          onDone={done}
          onReload={reload}
        />
      )}
      <div className="flex justify-end">
        <button type="button" className={secondaryButton} onClick={onClose}>
          Voltar ao painel
        </button>
      </div>
    </Dialog>
  );
}

/** An invoice held by the channel's rule leaves with the shipment (SPEC §4). */
function shipReleasesHeldInvoice(order: Pick<BoardRow, "status" | "channel" | "logisticsMode">): boolean {
  return order.status === "INVOICED" && invoiceHeldUntilShipment(order.channel, order.logisticsMode);
}
