import type { Metadata } from "next";
import { TrackingImport } from "./tracking-import";

export const metadata: Metadata = { title: "Importar rastreios" };

export default function TrackingImportPage() {
  return <TrackingImport />;
}
