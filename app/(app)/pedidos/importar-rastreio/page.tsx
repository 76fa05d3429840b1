import type { Metadata } from "next";
import { TRACKING_CSV_TEMPLATE_HREF } from "@/server/domain/shipping/tracking-csv-template";
import { SellerOnly } from "../../../_components/seller-only";
import { TrackingImport } from "./tracking-import";

export const metadata: Metadata = { title: "Importar rastreios" };

export default function TrackingImportPage() {
  return (
    <SellerOnly>
      <TrackingImport templateHref={TRACKING_CSV_TEMPLATE_HREF} />
    </SellerOnly>
  );
}
