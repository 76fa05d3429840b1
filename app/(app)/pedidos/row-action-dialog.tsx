"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback, useEffect, useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { CHANNEL_WITH_ARTICLE } from "@/server/domain/channels/channels";
import { heldInvoiceNotice, invoiceHeldUntilShipment } from "@/server/domain/channels/rules";
import { Dialog, secondaryButton } from "../../_components/form";
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
  const done = (outcome: ActionOutcome) => {
    if (!target || !order) return;
    const heldInvoiceLeaves = target.action === "ship" && shipReleasesHeldInvoice(order);
    onDone(sentMessage(target, heldInvoiceLeaves, outcome), outcome);
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
      {order && target?.action === "invoice" && (
        <InvoiceForm key={order.version} order={order} onDone={done} onReload={reload} />
      )}
      {order && target?.action === "ship" && (
        <ShipForm
          key={order.version}
          order={order}
          resend={order.status === "SHIPMENT_EXCEPTION"}
          heldNotice={shipReleasesHeldInvoice(order) ? heldInvoiceNotice(order.channel) : null}
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

/** What went to whom, for the board's confirmation: the seller acted on a row and stays on the list. */
function sentMessage({ row, action }: RowActionTarget, heldInvoiceLeaves: boolean, outcome: ActionOutcome): string {
  const to = CHANNEL_WITH_ARTICLE[row.channel];
  if (action === "invoice") {
    return outcome.heldNotice
      ? `Pedido ${row.marketplaceCode}: nota registrada; vai ${to} junto com o envio.`
      : `Pedido ${row.marketplaceCode}: nota enviada ${to}.`;
  }
  return heldInvoiceLeaves
    ? `Pedido ${row.marketplaceCode}: nota e rastreio enviados ${to}.`
    : `Pedido ${row.marketplaceCode}: rastreio enviado ${to}.`;
}
