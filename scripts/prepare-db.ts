import { type Db, gatherStatistics, migrateDb, openDb } from "../db/client";
import { isDatabaseEmpty } from "../db/queries/demo-data";
import { demoOrdersForSandbox } from "../db/queries/sandbox-mirror";
import { sellerAccounts } from "../db/schema";
import { connectToSandbox } from "../server/worker/sandbox-connections";
import { seed } from "./seed-data/seed";

/** Applies migrations and, on an empty database, loads the demo data. True when it seeded. */
export async function prepareDatabase(path: string, log: (line: string) => void = console.log): Promise<boolean> {
  const db = openDb(path);
  try {
    migrateDb(db);
    if (!isDatabaseEmpty(db)) return false;
    log("Banco vazio: criando dados de demonstração…");
    const result = await seed(db, { accounts: 2, ordersPerAccount: 300, demoDivergences: true });
    // A demo database plans its first board queries with statistics, as a hub that has been running does.
    gatherStatistics(db);
    log(`Dados de demonstração criados: ${result.accounts} contas, ${result.orders} pedidos.`);
    return true;
  } finally {
    db.$client.close();
  }
}

function withDb<T>(path: string, fn: (db: Db) => T): T {
  const db = openDb(path);
  try {
    return fn(db);
  } finally {
    db.$client.close();
  }
}

export function accountCnpjs(path: string): string[] {
  return withDb(path, (db) =>
    db
      .select({ cnpj: sellerAccounts.cnpj })
      .from(sellerAccounts)
      .all()
      .map((a) => a.cnpj),
  );
}

/** Every account on every channel at the sandbox, with the credentials each marketplace's protocol needs there. */
export async function connectAccountsToSandbox(path: string, url: string): Promise<void> {
  const db = openDb(path);
  try {
    await connectToSandbox(db, url);
  } finally {
    db.$client.close();
  }
}

/**
 * The demo orders were made up in the hub; the sandbox gets the same orders so that a seller's updates to
 * them reach a marketplace that knows them.
 */
export async function mirrorDemoOrders(path: string, url: string): Promise<void> {
  const all = withDb(path, (db) => demoOrdersForSandbox(db));
  for (let i = 0; i < all.length; i += 500) {
    const res = await fetch(new URL("/admin/import", url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orders: all.slice(i, i + 500) }),
    });
    if (!res.ok)
      throw new Error(`O sandbox recusou os pedidos de demonstração: HTTP ${res.status} ${await res.text()}`);
  }
}
