import { hashPassword } from "better-auth/crypto";
import { count, sql } from "drizzle-orm";
import { bulkInserter } from "../../db/bulk-load/bulk-insert";
import { type EncodedBatch, SEED_LAYOUTS, SEED_TABLE_KEYS } from "../../db/bulk-load/rows";
import type { Db } from "../../db/client";
import { authAccounts, orders, sellerAccounts, users } from "../../db/schema";
import { generateCnpj } from "../../server/domain/documents";
import type { Role } from "../../server/domain/people/roles";
import { encodeOrders } from "./batch-encoder";
import { seedDemoDivergences } from "./divergences";
import { type BatchSource, type GenerationPlan, generateBatches } from "./generate";
import { fixtureMatchingOrder, type SeedAccount } from "./orders";
import { createRandom } from "./random";

export const DEMO_PASSWORD = "fluxo-demo-2026";

// The first two accounts use the emitter CNPJs of the real NF-e fixtures, so those documents can be
// tried against demo orders.
const DEMO_ACCOUNTS = [
  {
    legalName: "Aurora Utilidades Domésticas Ltda",
    tradeName: "Loja Aurora",
    cnpj: "06929383000163",
    stateCode: "43",
    slug: "lojaaurora",
  },
  {
    legalName: "Casa Verde Comércio de Presentes Ltda",
    tradeName: "Casa Verde",
    cnpj: "58716523000119",
    stateCode: "35",
    slug: "casaverde",
  },
] as const;

const PEOPLE: { role: Role; name: string; local: string }[] = [
  { role: "seller", name: "Marina Costa", local: "vendedor" },
  { role: "manager", name: "Roberto Lima", local: "gestor" },
];

const STAFF: { role: Role; name: string; email: string }[] = [
  { role: "support", name: "Sofia Suporte", email: "suporte@fluxo.com.br" },
  { role: "admin", name: "Alberto Admin", email: "admin@fluxo.com.br" },
];

export interface SeedOptions {
  accounts: number;
  ordersPerAccount: number;
  seed?: number;
  now?: number;
  log?: (line: string) => void;
  /** Where the orders are generated; in this thread unless the caller brings a worker (see parallel.ts). */
  batches?: BatchSource;
  /** A handful of open divergences with the marketplace, for the demo (scripts/seed-data/divergences.ts). */
  demoDivergences?: boolean;
}

export function isDatabaseEmpty(db: Db): boolean {
  const row = db.select({ n: count() }).from(sellerAccounts).get();
  return (row?.n ?? 0) === 0;
}

async function insertUser(
  db: Db,
  user: { name: string; email: string; role: Role; sellerAccountId: number | null },
  passwordHash: string,
) {
  const id = crypto.randomUUID();
  const now = new Date();
  db.insert(users)
    .values({ id, ...user, emailVerified: true, createdAt: now, updatedAt: now })
    .run();
  db.insert(authAccounts)
    .values({
      id: crypto.randomUUID(),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: passwordHash,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  return id;
}

/** One transaction per batch, every table filled in primary-key order. */
function batchWriter(db: Db) {
  const insert = SEED_TABLE_KEYS.map((key) => [key, bulkInserter(db, SEED_LAYOUTS[key])] as const);
  return db.$client.transaction((batch: EncodedBatch) => {
    for (const [key, write] of insert) write(batch.tables[key], batch.strings);
  });
}

/** Seller accounts with their people, staff users, and a history of orders for each account. */
export async function seed(
  db: Db,
  options: SeedOptions,
): Promise<{ accounts: number; orders: number; divergences: number }> {
  const random = createRandom(options.seed ?? 20261127);
  const now = options.now ?? Date.now();
  const log = options.log ?? (() => {});
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const accounts: SeedAccount[] = [];
  for (let a = 0; a < options.accounts; a++) {
    const demo = DEMO_ACCOUNTS[a];
    const slug = demo?.slug ?? `loja${a + 1}`;
    const [created] = db
      .insert(sellerAccounts)
      .values({
        legalName: demo?.legalName ?? `Loja ${a + 1} Comércio Eletrônico Ltda`,
        tradeName: demo?.tradeName ?? `Loja ${a + 1}`,
        cnpj: demo?.cnpj ?? generateCnpj(random.next),
        createdAt: new Date(now),
      })
      .returning()
      .all();
    if (!created) throw new Error("Seller account insert returned nothing");
    let sellerUserId = "";
    let sellerName = "";
    for (const person of PEOPLE) {
      const name = a === 0 ? person.name : `${person.name.split(" ")[0]} ${demo?.tradeName ?? `Loja ${a + 1}`}`;
      const id = await insertUser(
        db,
        { name, email: `${person.local}@${slug}.com.br`, role: person.role, sellerAccountId: created.id },
        passwordHash,
      );
      if (person.role === "seller") {
        sellerUserId = id;
        sellerName = name;
      }
    }
    accounts.push({
      id: created.id,
      cnpj: created.cnpj,
      legalName: created.legalName,
      stateCode: demo?.stateCode ?? "35",
      sellerUserId,
      sellerName,
    });
  }
  for (const person of STAFF) await insertUser(db, { ...person, sellerAccountId: null }, passwordHash);

  const maxId =
    db
      .select({ max: sql<number | null>`max(${orders.id})` })
      .from(orders)
      .get()?.max ?? 0;
  const write = batchWriter(db);
  const plan: GenerationPlan = {
    randomState: random.state(),
    accounts,
    ordersPerAccount: options.ordersPerAccount,
    now,
    firstId: maxId + 1,
    batchSize: 1_000,
  };
  let total = 0;
  for await (const batch of (options.batches ?? generateBatches)(plan)) {
    write(batch);
    const before = total;
    total += batch.orders;
    if (Math.floor(total / 100_000) > Math.floor(before / 100_000)) log(`${total} pedidos criados`);
  }
  const first = accounts[0];
  if (first?.cnpj === DEMO_ACCOUNTS[0].cnpj) {
    write(encodeOrders([fixtureMatchingOrder(first, options.ordersPerAccount + 1)], plan.firstId + total));
    total += 1;
  }
  const divergences = options.demoDivergences ? seedDemoDivergences(db, accounts, now) : 0;
  return { accounts: accounts.length, orders: total, divergences };
}
