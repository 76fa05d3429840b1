import type { Metadata } from "next";
import { Suspense } from "react";
import { OrdersBoard } from "./orders-board";

export const metadata: Metadata = { title: "Pedidos" };

export default function OrdersPage() {
  return (
    <Suspense>
      <OrdersBoard />
    </Suspense>
  );
}
