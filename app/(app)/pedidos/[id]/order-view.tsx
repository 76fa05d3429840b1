"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { CHANNEL_LABELS, LOGISTICS_MODE_LABELS } from "@/server/domain/channels/channels";
import { formatDocument } from "@/server/domain/documents";
import { formatBrl, formatDateTime } from "@/server/domain/format";
import { orderGuidance, stageChanged } from "@/server/domain/orders/order-guidance";
import { actionDoneMessage } from "@/server/domain/orders/order-guidance-outcome";
import { StatusBadge } from "../../../_components/status-badge";
import { useTRPC } from "../../../_trpc/client";
import { toUiError } from "../../../_trpc/errors";
import { invalidateOrderViews } from "../../../_trpc/invalidate";
import { DivergenceBanner } from "./divergence-banner";
import { FulfilmentRecords } from "./fulfilment-records";
import { OrderActions } from "./order-actions";
import { OrderStanding } from "./order-standing";
import { ReconcileButton } from "./reconcile-button";
import { ReplicationPanel } from "./replication-panel";
import { Timeline } from "./timeline";

interface Outcome {
  message: string;
  warnings: { code: string; message: string }[];
}

export function OrderView({ orderId }: { orderId: number }) {
  const trpc = useTRPC();
  // Replication states and marketplace changes move on their own; poll while the page is open.
  const detail = useQuery({ ...trpc.orders.get.queryOptions({ id: orderId }), refetchInterval: 3_000 });
  const me = useQuery(trpc.session.me.queryOptions());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const queryClient = useQueryClient();
  const resend = useMutation(
    trpc.orders.resendUpdate.mutationOptions({ onSuccess: () => invalidateOrderViews(queryClient, trpc) }),
  );
  // The forms act on the order as the seller saw it when they started, not on whatever the last poll brought:
  // nothing moves under their cursor, and a change made meanwhile is caught by the version check. Once the order
  // is in another stage (delivered by the marketplace, say) those forms describe something gone and are replaced.
  type Snapshot = NonNullable<typeof detail.data>["order"];
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const loaded = detail.data?.order;
  useEffect(() => {
    if (loaded && (!snapshot || snapshot.id !== loaded.id || stageChanged(snapshot, loaded))) setSnapshot(loaded);
  }, [loaded, snapshot]);
  const refreshSnapshot = () => void detail.refetch().then((r) => r.data && setSnapshot(r.data.order));

  if (detail.isPending) return <p className="text-slate-600">Carregando pedido…</p>;
  // A poll that fails keeps the order on screen; only an order never read shows the error.
  if (!detail.data) {
    const err = toUiError(detail.error);
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">{err.code === "NOT_FOUND" ? "Pedido não encontrado" : "Erro"}</h1>
        <p role="alert" className="text-slate-700">
          {err.message}
        </p>
        <Link href="/pedidos" className="text-brand-700 underline">
          Voltar aos pedidos
        </Link>
      </div>
    );
  }

  const { order, items, timeline, replication, invoices, shipments, openDivergences, deadline } = detail.data;
  const guidance = orderGuidance({ order, updates: replication, timeline, divergences: openDivergences, deadline });
  return (
    <div className="space-y-6">
      <div>
        <Link href="/pedidos" className="text-sm text-brand-700 hover:underline">
          ← Pedidos
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">Pedido {order.marketplaceCode}</h1>
          <StatusBadge order={order} />
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {CHANNEL_LABELS[order.channel]} · {LOGISTICS_MODE_LABELS[order.logisticsMode]} · feito em{" "}
          {formatDateTime(order.placedAt)}
          {order.approvedAt && <> · pagamento aprovado em {formatDateTime(order.approvedAt)}</>}
        </p>
        <OrderStanding guidance={guidance} />
      </div>

      <DivergenceBanner
        divergences={guidance.divergences}
        isStaff={me.data?.isStaff ?? false}
        accountId={order.accountId}
      />

      {outcome && (
        <div
          role="status"
          className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900"
        >
          <p className="font-medium" data-testid="action-done">
            {outcome.message}
          </p>
          {outcome.warnings.map((w) => (
            <p key={w.code} className="text-amber-900">
              ⚠ {w.message}
            </p>
          ))}
        </div>
      )}

      {snapshot && snapshot.version !== order.version && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900"
        >
          Este pedido foi atualizado enquanto você estava nesta página.
          <button type="button" className="font-semibold underline" onClick={refreshSnapshot}>
            Ver a versão atual
          </button>
        </div>
      )}

      {me.data?.canAct
        ? snapshot && (
            <OrderActions
              key={snapshot.version}
              order={snapshot}
              onDone={(action, result) => {
                setOutcome({ message: actionDoneMessage(action, snapshot), warnings: result.warnings });
                refreshSnapshot();
              }}
              onReload={refreshSnapshot}
            />
          )
        : me.data && (
            <p className="text-sm text-slate-600">
              Seu perfil permite consultar este pedido; só o vendedor da conta pode atualizá-lo.
            </p>
          )}

      <ReplicationPanel
        lines={guidance.updates}
        onResend={me.data?.canAct ? (updateId) => resend.mutate({ orderId: order.id, updateId }) : undefined}
        resendError={resend.error ? toUiError(resend.error).message : null}
        // A manually handled order is no longer compared (a check would only say "equal"), and a manager only watches.
        headerAction={
          guidance.synchronised && (me.data?.canAct || me.data?.isStaff) ? <ReconcileButton orderId={order.id} /> : null
        }
      />
      <FulfilmentRecords invoices={invoices} shipments={shipments} />

      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <section aria-labelledby="customer-h" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="customer-h" className="font-semibold">
            Cliente
          </h2>
          <dl className="mt-2 space-y-1 text-sm">
            <div>
              <dt className="sr-only">Nome</dt>
              <dd>{order.customerName}</dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-slate-600">CPF/CNPJ:</dt>
              <dd>{formatDocument(order.customerDocument)}</dd>
            </div>
            {order.customerEmail && (
              <div className="flex gap-1">
                <dt className="text-slate-600">E-mail:</dt>
                <dd>{order.customerEmail}</dd>
              </div>
            )}
            {order.customerPhone && (
              <div className="flex gap-1">
                <dt className="text-slate-600">Telefone:</dt>
                <dd>{order.customerPhone}</dd>
              </div>
            )}
          </dl>
        </section>
        <section aria-labelledby="address-h" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="address-h" className="font-semibold">
            Endereço de entrega
          </h2>
          <address className="mt-2 text-sm not-italic">
            {order.shipStreet}, {order.shipNumber}
            {order.shipComplement && ` — ${order.shipComplement}`}
            <br />
            {order.shipDistrict} · {order.shipCity}/{order.shipState}
            <br />
            CEP {order.shipZip.replace(/^(\d{5})(\d{3})$/, "$1-$2")}
          </address>
        </section>
      </div>

      <section aria-labelledby="items-h" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="items-h" className="font-semibold">
          Itens
        </h2>
        <table className="mt-2 w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-1 font-medium">
                SKU
              </th>
              <th scope="col" className="py-1 font-medium">
                Produto
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Qtd.
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Preço unitário
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Subtotal
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-t border-slate-100">
                <td className="py-1 font-mono text-xs">{item.sku}</td>
                <td className="py-1">{item.name}</td>
                <td className="py-1 text-right">{item.quantity}</td>
                <td className="py-1 text-right whitespace-nowrap">{formatBrl(item.unitPriceCents)}</td>
                <td className="py-1 text-right whitespace-nowrap">{formatBrl(item.unitPriceCents * item.quantity)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="text-right">
            <tr className="border-t border-slate-200">
              <th scope="row" colSpan={4} className="py-1 font-normal text-slate-600">
                Produtos
              </th>
              <td className="py-1">{formatBrl(order.itemsCents)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="py-1 font-normal text-slate-600">
                Frete
              </th>
              <td className="py-1">{formatBrl(order.shippingCents)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="py-1 font-semibold">
                Total
              </th>
              <td className="py-1 font-semibold">{formatBrl(order.totalCents)}</td>
            </tr>
          </tfoot>
        </table>
      </section>

      {/* An entry may name an NF-e file (52 characters, no space): it wraps instead of widening a phone's page. */}
      <section
        aria-labelledby="timeline-h"
        className="rounded-lg border border-slate-200 bg-white p-4 [overflow-wrap:anywhere]"
      >
        <h2 id="timeline-h" className="font-semibold">
          Histórico
        </h2>
        <Timeline entries={timeline} />
      </section>
    </div>
  );
}
