"use client";

import { useQuery } from "@tanstack/react-query";
import { SELLER_ONLY_MESSAGE } from "@/server/domain/people/roles";
import { useTRPC } from "../_trpc/client";

/**
 * Bulk pages change orders, which only the account's seller may do (the server refuses everyone else anyway);
 * managers and staff who open the address get the reason up front instead of a form that fails on use.
 */
export function SellerOnly({ children }: { children: React.ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  if (!me.data) return null;
  if (!me.data.canAct) {
    return (
      <p role="status" className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
        {SELLER_ONLY_MESSAGE}
      </p>
    );
  }
  return <>{children}</>;
}
