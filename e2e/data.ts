import { closeDb, openReadOnlyDb } from "../db/client";
import { buildAccessKey } from "../server/domain/invoice/access-key";
import { s10CheckDigit } from "../server/domain/shipping/tracking";

// The demo database the e2e server was started with (playwright.config.ts; DATABASE_URL when the run is on
// PostgreSQL). Tests only read it, to pick an order in the state a scenario needs; every change goes through the
// browser.
const DATABASE = process.env.DATABASE_URL || "data/e2e/fluxo.db";

/** Reads the demo database on a connection of its own, closed after. */
function read<T>(query: (client: ReturnType<typeof openReadOnlyDb>["$client"]) => T): T {
  const db = openReadOnlyDb(DATABASE);
  try {
    return query(db.$client);
  } finally {
    closeDb(db);
  }
}

export interface DemoOrder {
  id: number;
  marketplace_code: string;
}

let usedIds = new Set<number>();

/** An order of the demo seller A (Loja Aurora) that no other test has taken yet. */
export function takeOrder(where: string, params: unknown[] = []): DemoOrder {
  const rows = read(
    (client) =>
      client
        .prepare(`select id, marketplace_code from orders where account_id = 1 and ${where} order by id`)
        .all(...params) as DemoOrder[],
  );
  const row = rows.find((r) => !usedIds.has(r.id));
  if (!row) throw new Error(`No demo order where ${where}`);
  usedIds = new Set([...usedIds, row.id]);
  return row;
}

let keySeq = 900_000;

/** A valid NF-e key of Loja Aurora (RS, CNPJ 06.929.383/0001-63) issued this month. */
export function freshAccessKey(): string {
  const now = new Date(Date.now() - 3 * 3600_000);
  keySeq += 1;
  return buildAccessKey({
    stateCode: "43",
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    cnpj: "06929383000163",
    series: 7,
    number: keySeq + Math.floor(Math.random() * 1000) * 1000,
    randomCode: 12345678,
  });
}

export function correiosCode(digits = "47312482"): string {
  return `QB${digits}${s10CheckDigit(digits)}BR`;
}

/** An order's status as the database has it, to prove what the browser did (or did not) change. */
export function orderStatus(id: number): string {
  return read(
    (client) => (client.prepare("select status from orders where id = ?").get(id) as { status: string }).status,
  );
}

/** The buyer and total an order's own NF-e repeats (`buildNfe` shape), so a test note fits its order. */
export function noteFitting(id: number): { recipient: { cpf: string } | { cnpj: string }; totalCents: number } {
  const order = read(
    (client) =>
      client.prepare("select customer_document as document, total_cents as total from orders where id = ?").get(id) as {
        document: string;
        total: number;
      },
  );
  const recipient = order.document.length === 11 ? { cpf: order.document } : { cnpj: order.document };
  return { recipient, totalCents: order.total };
}
