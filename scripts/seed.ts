import { parseArgs } from "node:util";
import { BULK_TABLES, withBulkLoadSettings, withDerivedDataDeferred } from "../db/bulk-load/bulk-insert";
import { closeDb, databaseTarget, gatherStatistics, migrateDb, openDb, resetDatabase } from "../db/client";
import { isDatabaseEmpty } from "../db/queries/demo-data";
import { workerBatches } from "./seed-data/parallel";
import { seed } from "./seed-data/seed";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "600" },
    accounts: { type: "string", default: "2" },
    reset: { type: "boolean", default: false },
    seed: { type: "string" },
  },
});

const totalOrders = Number(values.orders);
const accounts = Number(values.accounts);
if (!Number.isInteger(totalOrders) || totalOrders < 0 || !Number.isInteger(accounts) || accounts < 1) {
  console.error("Uso: npm run seed -- --orders N --accounts M [--reset]");
  process.exit(2);
}

// Loading the generator thread takes about a second: it happens while the database is prepared.
const batches = workerBatches();
const path = databaseTarget();
if (values.reset) resetDatabase(path);

const db = openDb(path);
migrateDb(db);
if (!isDatabaseEmpty(db)) {
  console.error(`O banco ${path} já tem dados. Use --reset para recriá-lo.`);
  process.exit(1);
}
const started = performance.now();
const log = (line: string) => console.log(line);
const result = await withBulkLoadSettings(db, () =>
  withDerivedDataDeferred(
    db,
    BULK_TABLES,
    async () => {
      const result = await seed(db, {
        accounts,
        ordersPerAccount: Math.ceil(totalOrders / accounts),
        seed: values.seed ? Number(values.seed) : undefined,
        log,
        batches,
      });
      log(`Pedidos gravados em ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      return result;
    },
    log,
  ),
);
gatherStatistics(db);
closeDb(db);
console.log(
  `${result.orders} pedidos em ${result.accounts} contas, em ${((performance.now() - started) / 1000).toFixed(1)} s (${path}).`,
);
