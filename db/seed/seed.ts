import { hashPassword } from "better-auth/crypto";
import { count, sql } from "drizzle-orm";
import { generateCnpj } from "../../server/domain/documents";
import type { Role } from "../../server/domain/people/roles";
import type { Db } from "../client";
import {
  authAccounts,
  invoices,
  orderItems,
  orders,
  outbox,
  sellerAccounts,
  shipments,
  timelineEntries,
  users,
} from "../schema";
import { bulkInserter } from "./bulk-insert";
import { fixtureMatchingOrder, type GeneratedOrder, generateOrder, type SeedAccount } from "./orders";
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

function insertBatch(db: Db, batch: GeneratedOrder[], firstId: number) {
  const insert = {
    orders: bulkInserter(db, orders, { withId: true }),
    items: bulkInserter(db, orderItems, { withId: false }),
    timeline: bulkInserter(db, timelineEntries, { withId: false }),
    outbox: bulkInserter(db, outbox, { withId: false }),
    invoices: bulkInserter(db, invoices, { withId: false }),
    shipments: bulkInserter(db, shipments, { withId: false }),
  };
  const withOrder = <R>(pick: (g: GeneratedOrder) => R[]) =>
    batch.flatMap((g, i) => pick(g).map((r) => ({ ...r, orderId: firstId + i })));
  db.$client.transaction(() => {
    insert.orders(batch.map((g, i) => ({ ...g.order, id: firstId + i })));
    insert.items(withOrder((g) => g.items));
    insert.timeline(withOrder((g) => g.timeline));
    insert.outbox(withOrder((g) => g.outbox));
    insert.invoices(withOrder((g) => (g.invoice ? [g.invoice] : [])));
    insert.shipments(withOrder((g) => (g.shipment ? [g.shipment] : [])));
  })();
}

/** Seller accounts with their people, staff users, and a history of orders for each account. */
export async function seed(db: Db, options: SeedOptions): Promise<{ accounts: number; orders: number }> {
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
    accounts.push({ id: created.id, cnpj: created.cnpj, stateCode: demo?.stateCode ?? "35", sellerUserId, sellerName });
  }
  for (const person of STAFF) await insertUser(db, { ...person, sellerAccountId: null }, passwordHash);

  const maxId =
    db
      .select({ max: sql<number | null>`max(${orders.id})` })
      .from(orders)
      .get()?.max ?? 0;
  let nextId = maxId + 1;
  let total = 0;
  const BATCH = 20_000;
  for (const account of accounts) {
    for (let done = 0; done < options.ordersPerAccount; done += BATCH) {
      const size = Math.min(BATCH, options.ordersPerAccount - done);
      const batch: GeneratedOrder[] = [];
      for (let i = 0; i < size; i++) batch.push(generateOrder(random, account, done + i + 1, now));
      insertBatch(db, batch, nextId);
      nextId += size;
      total += size;
      if (total % 50_000 < BATCH) log(`${total} pedidos criados`);
    }
  }
  const first = accounts[0];
  if (first?.cnpj === DEMO_ACCOUNTS[0].cnpj) {
    insertBatch(db, [fixtureMatchingOrder(first, options.ordersPerAccount + 1)], nextId);
    total += 1;
  }
  return { accounts: accounts.length, orders: total };
}
