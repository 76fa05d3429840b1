// The authorization matrix of the ERP API: every call × the key's own account, another account's key, a revoked key,
// no key. A key opens its own account's orders only; another account's order is "not found" and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { erpApiKeys } from "@/db/schema";
import { type ErpCredentials, erpClient, startErpApi } from "./erp-client";
import { accountCnpj, correiosCode, expectPtBr, insertOrder, snapshot, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let api: Awaited<ReturnType<typeof startErpApi>>;
let ownKey: ErpCredentials;
let otherKey: ErpCredentials;
let revokedKey: ErpCredentials;
let accountA: number;
const logged: string[] = [];
const NO_LIMITS = { reads: 1000, writes: 1000, queue: 1000 };

beforeAll(async () => {
  world = await createTestWorld(2);
  accountA = world.accounts[0]?.id ?? 0;
  api = await startErpApi(world.db, { limits: NO_LIMITS, log: (line) => logged.push(line) });
  const sellerA = world.callerFor(EMAILS.sellerA);
  const own = await sellerA.erpKeys.create({ name: "ERP da Aurora" });
  const revoked = await sellerA.erpKeys.create({ name: "ERP antigo" });
  await sellerA.erpKeys.revoke({ id: revoked.id });
  const other = await world.callerFor(EMAILS.sellerB).erpKeys.create({ name: "ERP da Casa Verde" });
  ownKey = { email: own.userEmail, key: own.key };
  otherKey = { email: other.userEmail, key: other.key };
  revokedKey = { email: revoked.userEmail, key: revoked.key };
}, 60_000);

afterAll(async () => {
  await api?.stop();
  world?.close();
});

type Client = ReturnType<typeof erpClient>;
const CALLS: Record<string, (erp: Client, code: string) => ReturnType<Client["get"]>> = {
  "GET /orders/{code}": (erp, code) => erp.get(code),
  "DELETE /queues/orders/{code}": (erp, code) => erp.ack(code),
  "POST /orders/{code}/invoice": (erp, code) => erp.invoiceKey(code, validKey(accountCnpj(world, accountA))),
  "POST /orders/{code}/shipments": (erp, code) => erp.ship(code, correiosCode()),
  "POST /orders/{code}/delivery": (erp, code) => erp.deliver(code),
  "POST /orders/{code}/shipment_exception": (erp, code) => erp.exception(code, "Endereço não encontrado"),
  "POST /orders/{code}/cancel": (erp, code) => erp.cancel(code),
};
// On a shipped order that just arrived in the queue: reads and the queue answer, what the flow allows from SHIPPED is
// done, the rest refused as the seller's screens refuse it.
const OWN_STATUS: Record<string, number> = {
  "GET /orders/{code}": 200,
  "DELETE /queues/orders/{code}": 204,
  "POST /orders/{code}/invoice": 422,
  "POST /orders/{code}/shipments": 422,
  "POST /orders/{code}/delivery": 204,
  "POST /orders/{code}/shipment_exception": 204,
  "POST /orders/{code}/cancel": 422,
};
const ACCOUNT_CALLS: Record<string, (erp: Client) => ReturnType<Client["get"]>> = {
  "GET /statuses": (erp) => erp.statuses(),
  "GET /orders": (erp) => erp.list(),
  "GET /queues/orders": (erp) => erp.next(),
};

describe.each(Object.entries(CALLS))("%s", (name, call) => {
  it("another account's key: 404 in pt-BR, nothing written", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    const before = snapshot(world, order.id);
    const answer = await call(erpClient(api.url, otherKey), order.marketplaceCode);
    expect(answer.status).toBe(404);
    expectPtBr((answer.body as { error: string }).error);
    expect(snapshot(world, order.id)).toEqual(before);
  });

  it("a revoked key and no key: 401 in pt-BR, nothing written", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    const before = snapshot(world, order.id);
    for (const credentials of [revokedKey, null]) {
      const answer = await call(erpClient(api.url, credentials), order.marketplaceCode);
      expect(answer.status).toBe(401);
      expectPtBr((answer.body as { error: string }).error);
    }
    expect(snapshot(world, order.id)).toEqual(before);
  });

  it("the account's own key reaches the order: done, or refused by the flow in pt-BR", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    const answer = await call(erpClient(api.url, ownKey), order.marketplaceCode);
    expect(answer.status).toBe(OWN_STATUS[name]);
    if (answer.status === 422) expectPtBr((answer.body as { error: string }).error);
  });
});

describe.each(Object.entries(ACCOUNT_CALLS))("%s", (_name, call) => {
  it("answers the own key, refuses a revoked key and no key with 401", async () => {
    expect([200, 204]).toContain((await call(erpClient(api.url, ownKey))).status);
    expect((await call(erpClient(api.url, revokedKey))).status).toBe(401);
    expect((await call(erpClient(api.url, null))).status).toBe(401);
  });
});

describe("account boundaries on reads", () => {
  it("the list and the queue show only the key's account", async () => {
    const mine = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    const other = erpClient(api.url, otherKey);
    const listed = (await other.list()).body as { orders: { code: string }[] };
    expect(listed.orders.map((o) => o.code)).not.toContain(mine.marketplaceCode);
    for (;;) {
      const next = await other.next();
      if (next.status === 204) break;
      const code = (next.body as { code: string }).code;
      expect(code).not.toBe(mine.marketplaceCode);
      await other.ack(code);
    }
  });

  it("the right key with another user's e-mail is refused", async () => {
    const answer = await erpClient(api.url, { email: otherKey.email, key: ownKey.key }).statuses();
    expect(answer.status).toBe(401);
  });

  it("a key revoked while in use is refused at the very next call", async () => {
    const sellerA = world.callerFor(EMAILS.sellerA);
    const fresh = await sellerA.erpKeys.create({ name: "ERP de testes" });
    const erp = erpClient(api.url, { email: fresh.userEmail, key: fresh.key });
    expect((await erp.statuses()).status).toBe(200);
    await sellerA.erpKeys.revoke({ id: fresh.id });
    expect((await erp.statuses()).status).toBe(401);
  });

  it("logs every call with its key's name, and serves the OpenAPI document without a key", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    await erpClient(api.url, ownKey).get(order.marketplaceCode);
    expect(logged).toContainEqual(expect.stringMatching(/^ERP da Aurora GET \/orders\/\{code\} 200 /));
    const openapi = await erpClient(api.url, null).call("GET", "/openapi.json");
    expect(openapi).toMatchObject({ status: 200, body: { openapi: "3.1.0", paths: { "/queues/orders": {} } } });
  });

  it("keys are stored as hashes only", () => {
    const stored = world.db.select().from(erpApiKeys).all();
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(JSON.stringify(row)).not.toContain(ownKey.key);
  });
});
