import { migrateDb, openDb } from "../db/client";
import { isDatabaseEmpty, seed } from "../db/seed/seed";

/** Applies migrations and, on an empty database, loads the demo data. */
export async function prepareDatabase(path: string, log: (line: string) => void = console.log): Promise<void> {
  const db = openDb(path);
  try {
    migrateDb(db);
    if (isDatabaseEmpty(db)) {
      log("Banco vazio: criando dados de demonstração…");
      const result = await seed(db, { accounts: 2, ordersPerAccount: 300 });
      log(`Dados de demonstração criados: ${result.accounts} contas, ${result.orders} pedidos.`);
    }
  } finally {
    db.$client.close();
  }
}
