// What the Mercado Livre stand-in keeps in the sandbox's SQLite file so that it survives a restart: authorization
// codes, tokens (a refresh token is spent once), which sellers authorized the app, and its notifications.
import type { SandboxStore } from "../../store";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ml_grants (
  user_id INTEGER PRIMARY KEY,
  seller_cnpj TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS ml_codes (
  code TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  challenge TEXT,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ml_tokens (
  token TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ml_notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  resource TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  topic TEXT NOT NULL,
  received TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  sent TEXT,
  delivered INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ml_notifications_due ON ml_notifications (delivered, next_at);
CREATE TABLE IF NOT EXISTS ml_state (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

const ready = new WeakSet<SandboxStore>();

export function mlTables(store: SandboxStore): SandboxStore {
  if (!ready.has(store)) {
    store.ensureTables(SCHEMA);
    ready.add(store);
  }
  return store;
}

export function grant(store: SandboxStore, userId: number, seller: string): void {
  mlTables(store)
    .query("INSERT INTO ml_grants (user_id, seller_cnpj) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING")
    .run(userId, seller);
}

export function sellerOfUser(store: SandboxStore, userId: number): string | null {
  const row = mlTables(store).query("SELECT seller_cnpj FROM ml_grants WHERE user_id = ?").get(userId) as
    | { seller_cnpj: string }
    | undefined;
  return row?.seller_cnpj ?? null;
}

export function userOfSeller(store: SandboxStore, seller: string): number | null {
  const row = mlTables(store).query("SELECT user_id FROM ml_grants WHERE seller_cnpj = ?").get(seller) as
    | { user_id: number }
    | undefined;
  return row?.user_id ?? null;
}

export function stateValue(store: SandboxStore, key: string): number | null {
  const row = mlTables(store).query("SELECT value FROM ml_state WHERE key = ?").get(key) as
    | { value: number }
    | undefined;
  return row?.value ?? null;
}

export function setState(store: SandboxStore, key: string, value: number): void {
  mlTables(store)
    .query("INSERT INTO ml_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    .run(key, value);
}
