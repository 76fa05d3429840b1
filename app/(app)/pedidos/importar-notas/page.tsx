import type { Metadata } from "next";
import { InvoiceImport } from "./invoice-import";

export const metadata: Metadata = { title: "Faturar com vários XMLs" };

export default function InvoiceImportPage() {
  return <InvoiceImport />;
}
