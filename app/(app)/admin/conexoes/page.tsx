import type { Metadata } from "next";
import { ConnectionsTable } from "./connections-table";

export const metadata: Metadata = { title: "Conexões de todas as contas" };

export default function ConnectionsPage() {
  return <ConnectionsTable />;
}
