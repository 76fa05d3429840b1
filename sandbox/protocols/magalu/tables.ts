// What the Magalu stand-in keeps in the sandbox's SQLite file so that it survives a restart: authorization codes
// and tokens (each refresh token is spent once), each bound to the seller who authorized the app.
import type { SandboxStore } from "../../store";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS magalu_codes (
  code TEXT PRIMARY KEY,
  seller_cnpj TEXT NOT NULL,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS magalu_tokens (
  token TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  seller_cnpj TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
);
`;

const ready = new WeakSet<SandboxStore>();

export function magaluTables(store: SandboxStore): SandboxStore {
  if (!ready.has(store)) {
    store.ensureTables(SCHEMA);
    ready.add(store);
  }
  return store;
}
