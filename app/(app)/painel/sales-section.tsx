"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { lateNow } from "@/server/domain/dashboard/figures";
import { salesBoardLinks } from "@/server/domain/dashboard/links";
import { plural } from "@/server/domain/format";
import { formatBrl } from "@/server/domain/money";
import { formatBrDate } from "@/server/domain/time";
import { useTRPC } from "../../_trpc/client";
import { toUiError } from "../../_trpc/errors";
import { OrdersPerDay } from "./orders-per-day";
import { RevenueByChannel } from "./revenue-by-channel";
import { StageFigures } from "./stage-figures";

/** The dashboard's lead: revenue per channel, orders per day, late stages and how long each takes. */
export function SalesSection({ from, to }: { from?: string; to?: string }) {
  const trpc = useTRPC();
  const sales = useQuery({
    ...trpc.dashboard.sales.queryOptions({ from, to }),
    placeholderData: keepPreviousData,
    // Each read goes over every order of the period, and a period's money moves slowly: every 5 minutes is enough.
    refetchInterval: 300_000,
  });
  if (sales.error) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {toUiError(sales.error).message}
      </p>
    );
  }
  const data = sales.data;
  if (!data) return <div className="h-96" />;
  const links = salesBoardLinks(data.period);
  const late = lateNow(data.total);
  return (
    <>
      <section aria-labelledby="sales-h" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <h2 id="sales-h" className="text-lg font-semibold">
            Vendas de {formatBrDate(data.period.from)} a {formatBrDate(data.period.to)}
          </h2>
          <p className="text-sm text-slate-600">
            Receita é a soma dos totais dos pedidos feitos no período, sem os cancelados.
            {!from && " Sem data inicial escolhida, o painel mostra 30 dias."}
          </p>
        </div>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Total href={links.revenue(null)} value={formatBrl(data.total.revenueCents)} label="Receita">
            {plural(data.total.revenueOrders, "pedido não cancelado", "pedidos não cancelados")}
          </Total>
          <Total href={links.orders()} value={data.total.orders.toLocaleString("pt-BR")} label="Pedidos">
            feitos no período, cancelados inclusive
          </Total>
          <Total
            href={links.lateNow(null)}
            value={late.toLocaleString("pt-BR")}
            label="Atrasados agora"
            alarm={late > 0}
          >
            do período, ainda abertos com o prazo vencido
          </Total>
        </div>
        <RevenueByChannel channels={data.channels} links={links} />
        <OrdersPerDay days={data.perDay} links={links} />
      </section>
      <StageFigures channels={data.channels} total={data.total} links={links} />
    </>
  );
}

function Total(props: { href: string; value: string; label: string; alarm?: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={props.href}
      className={`block rounded-lg border p-3 hover:shadow-sm ${props.alarm ? "border-red-200 bg-red-50" : "border-slate-200"}`}
    >
      <span className="block text-sm font-medium text-slate-700">{props.label}</span>
      <span className="block text-2xl font-semibold tabular-nums break-words">{props.value}</span>
      <span className="block text-xs text-slate-600">{props.children}</span>
    </Link>
  );
}
