import type { Metadata } from "next";
import { Suspense } from "react";
import { PickingList } from "./picking-list";

export const metadata: Metadata = { title: "Lista de separação" };

export default function PickingListPage() {
  return (
    <Suspense>
      <PickingList />
    </Suspense>
  );
}
