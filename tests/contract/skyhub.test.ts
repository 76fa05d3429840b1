// The SkyHub adapter against the sandbox speaking SkyHub: the worker's own ingest and replication, with the
// store's keys sealed on the connection as the seller would enter them.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSandboxConnections, listEnabledConnections, saveSealedCredentials } from "@/db/queries/connections";
import { orders, timelineEntries } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { adapterFor } from "@/server/channels/registry";
import { sandboxSkyhubCredentials } from "@/server/channels/skyhub";
import type { LogisticsModeId } from "@/server/domain/channels/channels";
import { encryptSecret, secretKeys } from "@/server/security/secrets";
import { connectionInfo } from "@/server/sync/connection-info";
import { ingestConnection } from "@/server/sync/ingest";
import { replicateOnce } from "@/server/sync/replicate";
import { accountCnpj, correiosCode, outboxOf, spDay, spMonth, validKey } from "../integration/flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "../integration/harness";

process.env.FLUXO_SECRETS_KEY ??= Buffer.alloc(32, 7).toString("base64");

let world: TestWorld;
let sandbox: SandboxProcess;
let accountA: number;
let cnpjA: string;

type SkyhubJson = {
  code: string;
  status: { code: string; type: string };
  sync_status: string;
  invoices: { key: string }[];
  shipments: { tracks: { code: string }[] }[];
};

beforeAll(async () => {
  world = await createTestWorld(3);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  ensureSandboxConnections(world.db, sandbox.url, ["americanas"], new Date());
  for (const connection of listEnabledConnections(world.db)) {
    const sealed = encryptSecret(JSON.stringify(sandboxSkyhubCredentials(connection.sellerCnpj)), secretKeys());
    saveSealedCredentials(world.db, connection.id, sealed, null);
  }
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

const connectionA = () => {
  const found = listEnabledConnections(world.db).find((c) => c.accountId === accountA && c.channel === "americanas");
  if (!found) throw new Error("no americanas connection");
  return found;
};
const adapterA = () => adapterFor(connectionInfo(world.db, connectionA()));
const ingest = () => ingestConnection(world.db, connectionA(), adapterA());
const seller = () => world.callerFor(EMAILS.sellerA);
const key = () => validKey(cnpjA, spMonth(0).year, spMonth(0).month);

async function replicate(now?: () => Date) {
  for (let i = 0; i < 10; i++) {
    if ((await replicateOnce(world.db, { owner: "skyhub-test", leaseMs: 10_000, batch: 50, adapterFor, now })) === 0) {
      return;
    }
  }
}

function skyhub(path: string, init: RequestInit = {}) {
  const credentials = sandboxSkyhubCredentials(cnpjA);
  return fetch(new URL(path, sandbox.url), {
    ...init,
    headers: {
      accept: "application/json",
      "x-user-email": String(credentials.userEmail),
      "x-api-key": String(credentials.apiKey),
      "x-accountmanager-key": String(credentials.accountManagerKey),
    },
  });
}

async function skyhubOrder(code: string): Promise<SkyhubJson> {
  const res = await skyhub(`/orders/${encodeURIComponent(code)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SkyhubJson;
}

async function newOrder(logisticsMode: LogisticsModeId) {
  return sandbox.admin<{ code: string }>("/admin/orders", {
    seller: cnpjA,
    channel: "americanas",
    logisticsMode,
    status: "APPROVED",
  });
}

function hubOrder(code: string) {
  const rows = world.db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountA), eq(orders.channel, "americanas"), eq(orders.marketplaceCode, code)))
    .all();
  expect(rows).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
}

describe("SkyHub adapter against the sandbox", () => {
  it("takes an order from the queue, acknowledges it, and replicates invoice, shipment and delivery", async () => {
    const created = await newOrder("correios");
    await ingest();
    const order = hubOrder(created.code);
    expect(order.status).toBe("APPROVED");
    expect((await skyhub("/queues/orders")).status).toBe(204);
    expect((await skyhubOrder(created.code)).sync_status).toBe("SYNCED");

    const accessKey = key();
    const invoiced = await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey },
    });
    await replicate();
    let view = await skyhubOrder(created.code);
    expect(view.status.code).toBe("order_invoiced");
    expect(view.invoices[0]?.key).toBe(accessKey);

    const tracking = correiosCode();
    const shipped = await seller().orders.ship({
      orderId: order.id,
      version: invoiced.version,
      tracking: { carrier: "correios", code: tracking, method: "SEDEX", handedAt: spDay(0) },
    });
    await replicate();
    view = await skyhubOrder(created.code);
    expect(view.status.code).toBe("order_shipped");
    expect(view.shipments[0]?.tracks[0]?.code).toBe(tracking);

    await seller().orders.markDelivered({ orderId: order.id, version: shipped.version, deliveredOn: spDay(0) });
    await replicate();
    expect((await skyhubOrder(created.code)).status.code).toBe("complete");
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "acknowledged"],
      ["shipment", "acknowledged"],
      ["delivered", "acknowledged"],
    ]);
  });

  it("gets the shipping and the delivery of a B2W Entrega order from the queue", async () => {
    const created = await newOrder("b2w_entregas");
    await ingest();
    const order = hubOrder(created.code);
    await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: key() },
    });
    await replicate();
    await sandbox.admin("/admin/tick", {});
    await ingest();
    expect(hubOrder(created.code).status).toBe("SHIPPED");
    await sandbox.admin("/admin/tick", {});
    await ingest();
    expect(hubOrder(created.code).status).toBe("DELIVERED");
  });

  it("reads again an order whose queue item was read and never acknowledged", async () => {
    await sandbox.admin("/admin/skyhub", { queueLeaseMs: 300 });
    try {
      const created = await newOrder("own_carrier");
      // A hub that read the order and stopped before storing it: nothing acknowledged.
      const lost = await adapterA().pullOrders(null);
      expect(lost.orders.map((o) => o.code)).toContain(created.code);
      expect(world.db.select().from(orders).where(eq(orders.marketplaceCode, created.code)).all()).toEqual([]);
      expect((await skyhub("/queues/orders")).status).toBe(204);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await ingest();
      expect(hubOrder(created.code).status).toBe("APPROVED");
      expect((await skyhubOrder(created.code)).sync_status).toBe("SYNCED");
    } finally {
      await sandbox.admin("/admin/skyhub", { queueLeaseMs: 300_000 });
    }
  });

  it("keeps an event that arrives while the order's queue item is read but not yet acknowledged", async () => {
    const created = await newOrder("correios");
    const read = await adapterA().pullOrders(null);
    expect(read.orders.find((o) => o.code === created.code)?.status).toBe("APPROVED");
    const path = `/admin/orders/americanas/${encodeURIComponent(created.code)}/manual-change`;
    await sandbox.admin(path, { status: "CANCELED", reason: "Cancelado pelo cliente" });
    // Acknowledging what was read does not drop the cancellation queued after it.
    const next = await adapterA().pullOrders(read.cursor);
    expect(next.orders.find((o) => o.code === created.code)?.status).toBe("CANCELED");
  });

  it("settles an invoice whose answer was lost by reading the order back, without sending it twice", async () => {
    const created = await newOrder("correios");
    await ingest();
    const order = hubOrder(created.code);
    const accessKey = key();
    await seller().orders.invoice({ orderId: order.id, version: order.version, invoice: { method: "key", accessKey } });
    await sandbox.admin("/admin/faults", { errorAfterApply: 1 });
    try {
      await replicateOnce(world.db, { owner: "skyhub-test", leaseMs: 10_000, batch: 50, adapterFor });
    } finally {
      await sandbox.admin("/admin/faults", { errorAfterApply: 0 });
    }
    expect(outboxOf(world, order.id)[0]?.state).toBe("retrying");
    await replicate(() => new Date(Date.now() + 60 * 60_000));
    const [row] = outboxOf(world, order.id);
    expect(row?.state).toBe("acknowledged");
    expect(row?.marketplaceResponse).toMatchObject({ confirmedBy: "read_back" });
    const { updates } = await sandbox.admin<{ updates: { code: string; kind: string }[] }>(
      `/admin/updates?seller=${cnpjA}`,
    );
    expect(updates.filter((u) => u.code === created.code && u.kind === "invoice")).toHaveLength(1);
    const answered = world.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.orderId, order.id), eq(timelineEntries.kind, "replication.acknowledged")))
      .all();
    expect(answered).toHaveLength(1);
  });

  it("answers 429 past the per-key limit when switched on, and the adapter waits instead", async () => {
    const created = await newOrder("correios");
    await sandbox.admin("/admin/skyhub", { rateLimits: true });
    try {
      const burst = await Promise.all([1, 2, 3].map(() => skyhub(`/orders/${encodeURIComponent(created.code)}`)));
      expect(burst.map((r) => r.status).sort()).toEqual([200, 429, 429]);
      expect(await (burst.find((r) => r.status === 429) as Response).json()).toHaveProperty("error");
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const adapter = adapterA();
      const read = await Promise.all([adapter.readOrder(created.code), adapter.readOrder(created.code)]);
      expect(read.map((o) => o?.code)).toEqual([created.code, created.code]);
    } finally {
      await sandbox.admin("/admin/skyhub", { rateLimits: false });
    }
  });

  it("refuses a request without the store's keys with 401 {error}", async () => {
    const res = await fetch(new URL("/queues/orders", sandbox.url), {
      headers: { "x-api-key": "sandbox-00000000000000" },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toHaveProperty("error");
  });
});

describe("the sandbox speaking SkyHub", () => {
  it("creates and approves an order on the test account", async () => {
    const created = await skyhub("/orders", {
      method: "POST",
      body: JSON.stringify({ order: { code: "Lojas Americanas-1517940500554-01" } }),
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as SkyhubJson).status.code).toBe("book_product");
    const approval = await skyhub(`/orders/${encodeURIComponent("Lojas Americanas-1517940500554-01")}/approval`, {
      method: "POST",
      body: JSON.stringify({ status: "payment_received" }),
    });
    expect(approval.status).toBe(204);
    expect((await skyhubOrder("Lojas Americanas-1517940500554-01")).status.type).toBe("APPROVED");
  });

  it("pages the order list and filters it by status", async () => {
    await Promise.all([newOrder("correios"), newOrder("own_carrier"), newOrder("b2w_entregas")]);
    const page = (await (await skyhub("/orders?page=1&per_page=2")).json()) as { total: number; orders: SkyhubJson[] };
    expect(page.orders).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
    const approved = (await (await skyhub("/orders?per_page=100&filters[statuses][]=payment_received")).json()) as {
      orders: SkyhubJson[];
    };
    expect(approved.orders.length).toBeGreaterThan(0);
    expect(approved.orders.every((o) => o.status.code === "payment_received")).toBe(true);
    expect((await skyhub("/orders?page=101&per_page=100")).status).toBe(400);
  });

  it("answers 422 {error} to a call with another status or an item not in the order, and 404 to an unqueued delete", async () => {
    const created = await newOrder("correios");
    const path = `/orders/${encodeURIComponent(created.code)}`;
    const post = (action: string, body: unknown) =>
      skyhub(`${path}/${action}`, { method: "POST", body: JSON.stringify(body) });
    const wrong = await post("invoice", { status: "payment_received", invoice: { key: key() } });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/order_invoiced/);
    await post("invoice", { status: "order_invoiced", invoice: { key: key() } });
    const stranger = await post("shipments", {
      status: "order_shipped",
      shipment: {
        code: created.code,
        items: [{ sku: "NOPE", qty: 1 }],
        track: { code: "X1", carrier: "C", method: "M" },
      },
    });
    expect(stranger.status).toBe(422);
    expect(((await stranger.json()) as { error: string }).error).toMatch(/NOPE/);
    await skyhub("/queues/orders");
    const gone = await skyhub(`/queues/orders/${encodeURIComponent("LAM-não-existe")}`, { method: "DELETE" });
    expect(gone.status).toBe(404);
  });

  it("takes a B2W Entrega Direct invoice as the NF-e XML in multipart, through the adapter", async () => {
    const created = await newOrder("b2w_entregas_direct");
    const accessKey = key();
    const xml = `<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe"><NFe><infNFe Id="NFe${accessKey}" versao="4.00"/></NFe></nfeProc>`;
    const result = await adapterA().pushUpdate({
      orderCode: created.code,
      kind: "invoice",
      payload: { accessKey, hasXml: true, xmlBase64: Buffer.from(xml).toString("base64") },
      idempotencyKey: "direct-xml",
    });
    expect(result.outcome).toBe("acknowledged");
    expect((await skyhubOrder(created.code)).invoices[0]?.key).toBe(accessKey);
    const v1 = await sandbox.admin<{ invoice: { hasXml: boolean } }>(
      `/v1/orders/americanas/${encodeURIComponent(created.code)}?seller=${cnpjA}`,
    );
    expect(v1.invoice.hasXml).toBe(true);
  });
});
