import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderView } from "./order-view";

export const metadata: Metadata = { title: "Pedido" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const orderId = Number(id);
  if (!Number.isInteger(orderId) || orderId <= 0) notFound();
  return <OrderView orderId={orderId} />;
}
