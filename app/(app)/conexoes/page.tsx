import type { Metadata } from "next";
import { AccountConnections } from "./account-connections";

export const metadata: Metadata = { title: "Conexões com marketplaces" };

export default function AccountConnectionsPage() {
  return <AccountConnections />;
}
