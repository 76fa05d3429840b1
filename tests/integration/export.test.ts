import { parse } from "csv-parse/sync";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv } from "@/db/client";
import { orders } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed-data/seed";
import { CSV_HEADERS } from "@/server/domain/orders/csv-export";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let cookie: string;
let GET: (req: Request) => Promise<Response>;

beforeAll(async () => {
  world = await createTestWorld(400);
  // The route uses the process-wide database and auth; point them at this test's file before they load.
  Object.assign(process.env, databaseEnv(world.db));
  process.env.BETTER_AUTH_SECRET = "export-test-secret-export-test-secret-01";
  process.env.EXPORT_PAGE_SIZE = "37";
  ({ GET } = await import("@/app/api/export/pedidos/route"));
  const { getAuth } = await import("@/server/auth/auth");
  const res = await getAuth().handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": "10.1.1.1" },
      body: JSON.stringify({ email: EMAILS.sellerA, password: DEMO_PASSWORD }),
    }),
  );
  cookie = /better-auth\.session_token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0] ?? "";
});
afterAll(() => world.close());

async function exportCsv(query: string) {
  const res = await GET(new Request(`http://localhost:3000/api/export/pedidos?${query}`, { headers: { cookie } }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  return new Uint8Array(await res.arrayBuffer());
}

describe("CSV export", () => {
  it("streams exactly the board's filter, with a BOM, ';' and pt-BR headers, quoting ';' and quotes", async () => {
    const accountA = world.accounts[0]?.id ?? 0;
    const tricky = world.db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.accountId, accountA), eq(orders.status, "APPROVED")))
      .limit(2)
      .all();
    const names = ['Silva; Souza & Filhos "ME"', 'Ana "Aninha" Lima;'];
    for (const [i, o] of tricky.entries()) {
      world.db
        .update(orders)
        .set({ customerName: names[i] ?? "" })
        .where(eq(orders.id, o.id))
        .run();
    }

    const bytes = await exportCsv("status=APPROVED&canal=americanas,magalu,mercado_livre,amazon,carrefour,zoom");
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const records = parse(text, { delimiter: ";", relax_column_count: false }) as string[][];
    expect(records[0]).toEqual([...CSV_HEADERS]);
    const rows = records.slice(1);

    const expected = world.db
      .select({ code: orders.marketplaceCode, name: orders.customerName })
      .from(orders)
      .where(and(eq(orders.accountId, accountA), eq(orders.status, "APPROVED")))
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .all();
    expect(rows.map((r) => r[0])).toEqual(expected.map((e) => e.code));
    expect(rows.map((r) => r[5])).toEqual(expected.map((e) => e.name));
    expect(rows.every((r) => r[4] === "Pagamento confirmado — aguardando nota fiscal")).toBe(true);
    for (const name of names) expect(text).toContain(`"${name.replaceAll('"', '""')}"`);
  });

  it("covers more than one page, never another account, and an empty result still has its header", async () => {
    const all = parse(new TextDecoder().decode((await exportCsv("")).slice(3)), { delimiter: ";" }) as string[][];
    const accountA = world.accounts[0]?.id ?? 0;
    const own = world.db
      .select({ code: orders.marketplaceCode })
      .from(orders)
      .where(eq(orders.accountId, accountA))
      .all();
    expect(all.length - 1).toBe(own.length);
    expect(new Set(all.slice(1).map((r) => r[0]))).toEqual(new Set(own.map((o) => o.code)));
    const none = parse(new TextDecoder().decode((await exportCsv("busca=nao-existe-este-pedido")).slice(3)), {
      delimiter: ";",
    });
    expect(none).toEqual([[...CSV_HEADERS]]);
  });

  it("writes a tracking code or key the marketplace set as text, never as a live formula", async () => {
    const accountA = world.accounts[0]?.id ?? 0;
    const target = world.db
      .select({ id: orders.id, code: orders.marketplaceCode })
      .from(orders)
      .where(and(eq(orders.accountId, accountA), eq(orders.status, "SHIPPED")))
      .limit(1)
      .get();
    const attack = "=cmd|' /C calc'!A0";
    world.db
      .update(orders)
      .set({ trackingCode: attack, accessKey: "@SUM(1+1)", customerName: "\u200B-2+3", shipCity: "+Recife" })
      .where(eq(orders.id, target?.id ?? 0))
      .run();
    const text = new TextDecoder().decode((await exportCsv(`busca=${target?.code}`)).slice(3));
    const [, row] = parse(text, { delimiter: ";" }) as string[][];
    expect(row?.[13]).toBe(`'${attack}`);
    expect(row?.[12]).toMatch(/^'@SUM/);
    expect(row?.[5]).toBe("'\u200B-2+3");
    expect(row?.[7]).toBe("'+Recife");
  });

  it("refuses without a session", async () => {
    const res = await GET(new Request("http://localhost:3000/api/export/pedidos"));
    expect(res.status).toBe(401);
  });
});
