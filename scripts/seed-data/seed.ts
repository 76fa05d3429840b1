import { hashPassword } from "better-auth/crypto";
import { batchWriter } from "../../db/bulk-load/bulk-insert";
import type { Db } from "../../db/client";
import { insertCredentialUser, insertSellerAccount, maxOrderId } from "../../db/queries/demo-data";
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
    const created = insertSellerAccount(db, {
      legalName: demo?.legalName ?? `Loja ${a + 1} Comércio Eletrônico Ltda`,
      tradeName: demo?.tradeName ?? `Loja ${a + 1}`,
      cnpj: demo?.cnpj ?? generateCnpj(random.next),
      createdAt: new Date(now),
    });
    let sellerUserId = "";
    let sellerName = "";
    for (const person of PEOPLE) {
      const name = a === 0 ? person.name : `${person.name.split(" ")[0]} ${demo?.tradeName ?? `Loja ${a + 1}`}`;
      const id = insertCredentialUser(
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
  for (const person of STAFF) insertCredentialUser(db, { ...person, sellerAccountId: null }, passwordHash);

  const maxId = maxOrderId(db);
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
