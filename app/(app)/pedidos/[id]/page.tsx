import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { OrderView } from "./order-view";

function orderIdOf(id: string): number | null {
  const orderId = Number(id);
  return Number.isInteger(orderId) && orderId > 0 ? orderId : null;
}

/** The tab and the browser's history name the order, read as the viewer may read it (another account's: none). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const orderId = orderIdOf((await params).id);
  if (orderId === null) return { title: "Pedido" };
  const caller = createCaller(await createTRPCContext({ headers: new Headers(await headers()) }));
  const code = await caller.orders
    .get({ id: orderId })
    .then((detail) => detail.order.marketplaceCode)
    // An order the viewer may not read (or a failed read) keeps the plain title: the page itself says why.
    .catch(() => null);
  return { title: code ? `Pedido ${code}` : "Pedido" };
}

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const orderId = orderIdOf((await params).id);
  if (orderId === null) notFound();
  return <OrderView orderId={orderId} />;
}
