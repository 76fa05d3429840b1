import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { databasePath, migrateDb, openDb } from "../db/client";
import { BULK_TABLES, withDerivedDataDeferred } from "../db/seed/bulk-insert";
import { isDatabaseEmpty, seed } from "../db/seed/seed";

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

const path = databasePath();
if (values.reset) for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });

const db = openDb(path);
migrateDb(db);
if (!isDatabaseEmpty(db)) {
  console.error(`O banco ${path} já tem dados. Use --reset para recriá-lo.`);
  process.exit(1);
}
const started = performance.now();
// A bulk load into an empty file: no fsync per transaction, a big page cache, indexes built once at the end.
db.$client.pragma("synchronous = OFF");
db.$client.pragma("cache_size = -262144");
// The generator builds consistent rows; checking each foreign key on the way in would double the load time.
db.$client.pragma("foreign_keys = OFF");
const result = await withDerivedDataDeferred(db, BULK_TABLES, () =>
  seed(db, {
    accounts,
    ordersPerAccount: Math.ceil(totalOrders / accounts),
    seed: values.seed ? Number(values.seed) : undefined,
    log: (line) => console.log(line),
  }),
);
console.log("Índices reconstruídos.");
db.$client.pragma("optimize");
db.$client.close();
console.log(
  `${result.orders} pedidos em ${result.accounts} contas, em ${((performance.now() - started) / 1000).toFixed(1)} s (${path}).`,
);
