import type { Metadata } from "next";
import { Suspense } from "react";
import { DivergenceConsole } from "./divergence-console";

export const metadata: Metadata = { title: "Divergências" };

export default function DivergencesPage() {
  return (
    <Suspense>
      <DivergenceConsole />
    </Suspense>
  );
}
