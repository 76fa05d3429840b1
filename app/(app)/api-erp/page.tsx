import type { Metadata } from "next";
import { erpApiUrl } from "@/server/erp-api/address";
import { ErpKeys } from "./erp-keys";

export const metadata: Metadata = { title: "API para ERP" };

export default function ErpApiPage() {
  return <ErpKeys apiUrl={erpApiUrl()} />;
}
