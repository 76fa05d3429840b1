"use client";

import { useQuery } from "@tanstack/react-query";
import { plural } from "@/server/domain/format";
import { boardUrl } from "@/server/domain/orders/board-url";
import { useTRPC } from "../../../_trpc/client";
import { StaffAccountLink } from "./order-link";

/**
 * Late orders, apart from the divergences (SPEC §5): hub and marketplace agree on them and the seller is the one
 * to act, so support only opens each account's board filtered to them.
 */
export function LateOrders(props: { accountId: number | null }) {
  const trpc = useTRPC();
  const late = useQuery(trpc.divergences.lateOrders.queryOptions({ accountId: props.accountId ?? undefined }));
  const accounts = (late.data ?? []).filter((a) => a.late > 0);
  if (accounts.length === 0) return null;
  return (
    <section aria-labelledby="late-orders-h" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <h2 id="late-orders-h" className="font-semibold">
        Pedidos atrasados
      </h2>
      <p className="text-slate-600">
        Não são divergências: o marketplace concorda com o Fluxo e cabe ao vendedor agir. Abra a lista da conta para
        acompanhar.
      </p>
      <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
        {accounts.map((a) => (
          <li key={a.accountId}>
            <StaffAccountLink
              accountId={a.accountId}
              href={boardUrl({ deadline: "late" })}
              className="text-brand-700 underline"
            >
              {a.tradeName}: {plural(a.late, "pedido atrasado", "pedidos atrasados")}
            </StaffAccountLink>
          </li>
        ))}
      </ul>
    </section>
  );
}
