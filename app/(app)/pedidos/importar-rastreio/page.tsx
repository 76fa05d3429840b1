import type { Metadata } from "next";
import { SellerOnly } from "../../../_components/seller-only";
import { TrackingImport } from "./tracking-import";

export const metadata: Metadata = { title: "Importar rastreios" };

export default function TrackingImportPage() {
  return (
    <SellerOnly>
      <TrackingImport />
    </SellerOnly>
  );
}
