import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Página não encontrada" };

/** Any address the app does not know, including an order address that is not an order number. */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl space-y-3 px-4 py-16">
      <h1 className="text-2xl font-semibold">Página não encontrada</h1>
      <p className="text-slate-700">
        O endereço não corresponde a nenhuma página do Fluxo. Confira o link ou volte à lista de pedidos.
      </p>
      <Link href="/pedidos" className="text-brand-700 underline">
        Voltar aos pedidos
      </Link>
    </main>
  );
}
