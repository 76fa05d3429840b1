"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { CHANNEL_LABELS, LOGISTICS_MODE_LABELS } from "@/server/domain/channels/channels";
import { plural } from "@/server/domain/format";
import { primaryButton } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";
import { toUiError } from "../../../_trpc/errors";

/** A printable list: what to take from the shelves in total, then each order's items and address. */
export function PickingList() {
  const trpc = useTRPC();
  const ids = (useSearchParams().get("pedidos") ?? "")
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const list = useQuery({ ...trpc.orders.pickingList.queryOptions({ orderIds: ids }), enabled: ids.length > 0 });
  if (ids.length === 0) return <p>Selecione pedidos no quadro para montar a lista de separação.</p>;
  if (list.error) return <p role="alert">{toUiError(list.error).message}</p>;
  if (!list.data) return <p className="text-slate-600">Montando a lista…</p>;

  const totals = new Map<string, { name: string; quantity: number }>();
  for (const order of list.data) {
    for (const item of order.items) {
      const current = totals.get(item.sku) ?? { name: item.name, quantity: 0 };
      totals.set(item.sku, { ...current, quantity: current.quantity + item.quantity });
    }
  }
  return (
    <div className="space-y-6 print:text-black">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Lista de separação — {plural(list.data.length, "pedido", "pedidos")}</h1>
        <button type="button" className={`${primaryButton} print:hidden`} onClick={() => window.print()}>
          Imprimir
        </button>
      </div>
      <section aria-labelledby="totals-h">
        <h2 id="totals-h" className="text-lg font-semibold">
          Total por produto
        </h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr className="border-b">
              <th scope="col" className="py-1">
                SKU
              </th>
              <th scope="col" className="py-1">
                Produto
              </th>
              <th scope="col" className="py-1 text-right">
                Quantidade
              </th>
            </tr>
          </thead>
          <tbody>
            {[...totals].map(([sku, t]) => (
              <tr key={sku} className="border-b border-slate-100">
                <td className="break-all py-1 pr-2 font-mono">{sku}</td>
                <td className="py-1">{t.name}</td>
                <td className="py-1 text-right tabular-nums">{t.quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="orders-h" className="space-y-3">
        <h2 id="orders-h" className="text-lg font-semibold">
          Por pedido
        </h2>
        {list.data.map((o) => (
          <article key={o.id} className="break-inside-avoid rounded-md border border-slate-300 p-3 text-sm">
            <p className="font-semibold">
              {o.marketplaceCode} · {CHANNEL_LABELS[o.channel]} · {LOGISTICS_MODE_LABELS[o.logisticsMode]}
            </p>
            <p>
              {o.customerName} — {o.shipStreet}, {o.shipNumber}
              {o.shipComplement ? ` — ${o.shipComplement}` : ""}, {o.shipDistrict}, {o.shipCity}/{o.shipState}, CEP{" "}
              {o.shipZip.replace(/^(\d{5})(\d{3})$/, "$1-$2")}
            </p>
            <ul className="mt-1 list-disc pl-5">
              {o.items.map((i, idx) => (
                <li key={`${i.sku}-${idx}`}>
                  {i.quantity} × {i.name} <span className="font-mono text-xs">({i.sku})</span>
                </li>
              ))}
            </ul>
          </article>
        ))}
      </section>
    </div>
  );
}
