import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, databaseEnv, getDb } from "@/db/client";
import { DEMO_PASSWORD } from "@/scripts/seed-data/seed";
import { createCaller } from "@/server/api/root";
import { fillDisk } from "./disk-faults";
import {
  accountCnpj,
  expectRefusedWithoutChange,
  homologationXmlWithKey,
  insertOrder,
  orderRow,
  validKey,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

const FULL = "O Fluxo não conseguiu gravar: o disco do servidor está cheio. Nada foi alterado.";
const READ_ONLY =
  "O Fluxo não conseguiu gravar: a pasta de dados do servidor não aceita escrita. Nada foi alterado; peça a quem administra o servidor que libere a escrita nela.";

let world: TestWorld;
let accountA: number;
let server: Server;
let base: string;
const originalMode = process.env.FLUXO_NFE_MODE;

beforeAll(async () => {
  world = await createTestWorld(4);
  accountA = world.accounts[0]?.id ?? 0;
  // The fixture NF-e is from the homologation environment, which the demo's sandbox mode accepts.
  process.env.FLUXO_NFE_MODE = "sandbox";
  Object.assign(process.env, databaseEnv(world.db));
  process.env.BETTER_AUTH_SECRET = "storage-fault-secret-storage-fault-0123";
  const { createTrpcRequestHandler } = await import("@/server/http/trpc-handler");
  server = createServer(createTrpcRequestHandler());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.FLUXO_URL = base;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (originalMode === undefined) delete process.env.FLUXO_NFE_MODE;
  else process.env.FLUXO_NFE_MODE = originalMode;
  world.close();
});

/** A Mercado Livre order the real homologation NF-e fits, and that note under a key of its own. */
function orderWithNote() {
  const order = insertOrder(world, {
    accountId: accountA,
    channel: "mercado_livre",
    logisticsMode: "mercado_envios_coleta",
    placedAt: new Date(Date.UTC(2018, 8, 24, 13)),
    customerDocument: "58716523000119",
    totalCents: 50_000,
  });
  const xml = homologationXmlWithKey(validKey(accountCnpj(world, accountA), 2018, 9));
  const invoice = { method: "xml" as const, fileName: "nfe.xml", xmlBase64: xml.toString("base64") };
  return { order, input: { orderId: order.id, version: order.version, invoice } };
}

function callerOn(db: Db) {
  return createCaller({ db, user: world.userByEmail(EMAILS.sellerA), staffAccountId: null, resHeaders: new Headers() });
}

describe("a full disk", () => {
  it("answers a seller's write with the pt-BR message and changes nothing; reads go on, and the same write goes through once space returns", async () => {
    const seller = callerOn(world.db);
    const { order, input } = orderWithNote();
    const giveBack = fillDisk(world.db.$client);
    try {
      const error = await expectRefusedWithoutChange(
        world,
        order.id,
        () => seller.orders.invoice(input),
        "SERVICE_UNAVAILABLE",
        "STORAGE_FULL",
      );
      expect(error.message).toBe(FULL);
      // better-sqlite3 rolled the transaction back: the connection is ready for the next request.
      expect(world.db.$client.inTransaction).toBe(false);
      expect((await seller.orders.get({ id: order.id })).order.status).toBe("APPROVED");
      expect((await seller.orders.list({ filters: {}, limit: 5 })).orders.length).toBeGreaterThan(0);
    } finally {
      giveBack();
    }
    expect((await seller.orders.invoice(input)).status).toBe("INVOICED");
    expect(orderRow(world, order.id).status).toBe("INVOICED");
  });

  it("answers HTTP 503 with the pt-BR message through the API's own handler, and the read beside it 200", async () => {
    const cookie = await signIn(EMAILS.sellerA);
    const { order, input } = orderWithNote();
    const giveBack = fillDisk(getDb().$client);
    try {
      const refused = await call("orders.invoice", input, { cookie, origin: base });
      expect(refused.status).toBe(503);
      const [body] = await refused.json();
      expect(body.error.json).toMatchObject({ message: FULL, data: { domainCode: "STORAGE_FULL", httpStatus: 503 } });
      expect(JSON.stringify(body)).not.toMatch(/database or disk is full|SQLITE/);
      const read = await call("orders.get", { id: order.id }, { cookie });
      expect(read.status).toBe(200);
      expect(orderRow(world, order.id).version).toBe(order.version);
    } finally {
      giveBack();
    }
    expect((await call("orders.invoice", input, { cookie, origin: base })).status).toBe(200);
  });
});

describe("a database that cannot be written", () => {
  it("answers a write with the read-only message that names the fix, and reads go on", async () => {
    const readOnly = new Database(world.db.$client.name, { readonly: true });
    try {
      const { drizzle } = await import("drizzle-orm/better-sqlite3");
      const schema = await import("@/db/schema");
      const seller = callerOn(drizzle(readOnly, { schema }) as Db);
      const { order, input } = orderWithNote();
      const error = await expectRefusedWithoutChange(
        world,
        order.id,
        () => seller.orders.invoice(input),
        "SERVICE_UNAVAILABLE",
        "STORAGE_READ_ONLY",
      );
      expect(error.message).toBe(READ_ONLY);
      expect((await seller.orders.get({ id: order.id })).order.id).toBe(order.id);
    } finally {
      readOnly.close();
    }
  });

  it("is said on each row of a bulk action, which answers instead of failing whole", async () => {
    const seller = callerOn(world.db);
    const shipped = [1, 2].map(() => insertOrder(world, { accountId: accountA, status: "SHIPPED" }));
    world.db.$client.pragma("query_only = ON");
    try {
      const rows = await seller.orders.bulkMarkDelivered({
        orderIds: shipped.map((order) => order.id),
        filters: {},
        deliveredOn: "2026-11-20",
      });
      expect(rows.map((row) => [row.ok, row.message])).toEqual([
        [false, READ_ONLY],
        [false, READ_ONLY],
      ]);
    } finally {
      world.db.$client.pragma("query_only = OFF");
    }
    for (const order of shipped) expect(orderRow(world, order.id).status).toBe("SHIPPED");
  });
});

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("@/server/auth/auth");
  const { headers } = await getAuth().api.signInEmail({
    body: { email, password: DEMO_PASSWORD },
    returnHeaders: true,
  });
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function call(path: string, input: unknown, headers: Record<string, string>) {
  const batch = JSON.stringify({ 0: { json: input } });
  if (headers.origin) {
    return fetch(`${base}/api/trpc/${path}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: batch,
    });
  }
  return fetch(`${base}/api/trpc/${path}?batch=1&input=${encodeURIComponent(batch)}`, { headers });
}
