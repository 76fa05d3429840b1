import type { Metadata } from "next";
import { SellerOnly } from "../../../_components/seller-only";
import { InvoiceImport } from "./invoice-import";

export const metadata: Metadata = { title: "Importar notas" };

export default function InvoiceImportPage() {
  return (
    <SellerOnly>
      <InvoiceImport />
    </SellerOnly>
  );
}
