import type { Metadata } from "next";
import { SellerOnly } from "../../../_components/seller-only";
import { InvoiceImport } from "./invoice-import";

export const metadata: Metadata = { title: "Faturar com vários XMLs" };

export default function InvoiceImportPage() {
  return (
    <SellerOnly>
      <InvoiceImport />
    </SellerOnly>
  );
}
