import type { Metadata } from "next";
import { ConnectionsTable } from "./connections-table";

export const metadata: Metadata = { title: "Conexões com marketplaces" };

export default function ConnectionsPage() {
  return <ConnectionsTable />;
}
