"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { formatDocument } from "@/server/domain/documents";
import { ROLE_LABELS } from "@/server/domain/people/roles";
import { useTRPC } from "../_trpc/client";

export function AppHeader() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.session.me.queryOptions());
  const switchAccount = useMutation(
    trpc.accounts.switch.mutationOptions({
      // Everything on screen belonged to the previous account.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );

  async function signOut() {
    // A plain request: the auth client library is not worth its weight on every page for one call.
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    queryClient.clear();
    router.replace("/entrar");
    router.refresh();
  }

  const data = me.data;
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/pedidos" className="text-lg font-bold text-brand-900">
          Fluxo
        </Link>
        <nav aria-label="Principal" className="flex gap-3 text-sm">
          <Link href="/pedidos" className="text-slate-700 hover:text-brand-700">
            Pedidos
          </Link>
          <Link href="/painel" className="text-slate-700 hover:text-brand-700">
            Painel
          </Link>
          {data?.isStaff && (
            <Link href="/suporte/divergencias" className="text-slate-700 hover:text-brand-700">
              Divergências
            </Link>
          )}
          {data?.user.role === "seller" && (
            <Link href="/conexoes" className="text-slate-700 hover:text-brand-700">
              Conexões
            </Link>
          )}
          {data?.user.role === "admin" && (
            <Link href="/admin/conexoes" className="text-slate-700 hover:text-brand-700">
              Conexões
            </Link>
          )}
          {(data?.user.role === "seller" || data?.user.role === "admin") && (
            <Link href="/api-erp" className="text-slate-700 hover:text-brand-700">
              API para ERP
            </Link>
          )}
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
          {data?.isStaff ? (
            <label className="flex items-center gap-2">
              <span className="text-slate-600">Conta</span>
              <select
                className="rounded-md border border-slate-300 px-2 py-1"
                value={data.account?.id ?? ""}
                onChange={(e) => switchAccount.mutate({ accountId: Number(e.target.value) })}
              >
                {data.switchableAccounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.tradeName} — {formatDocument(a.cnpj)}
                  </option>
                ))}
              </select>
            </label>
          ) : data?.account ? (
            <span className="text-slate-700" data-testid="current-account">
              {data.account.tradeName}
            </span>
          ) : null}
          {data && (
            <span className="text-slate-600">
              {data.user.name} · {ROLE_LABELS[data.user.role]}
            </span>
          )}
          <button
            type="button"
            onClick={signOut}
            className="rounded-md border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-100"
          >
            Sair
          </button>
        </div>
      </div>
    </header>
  );
}
