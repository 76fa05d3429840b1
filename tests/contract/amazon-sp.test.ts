// The Amazon SP-API adapter against the sandbox speaking SP-API: the connection made as the demo makes it (the app's
// refresh token through the sandbox's LWA endpoint), the worker's own ingest and replication, and the adapter's calls.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEnabledConnections } from "@/db/queries/connections";
import { orders } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import type { AmazonSpAdapter } from "@/server/channels/amazon-sp/adapter";
import { INVOICE_ROLE_MISSING } from "@/server/channels/amazon-sp/answers";
import { adapterFor } from "@/server/channels/registry";
import type { LogisticsModeId } from "@/server/domain/channels/channels";
import { connectionInfo } from "@/server/sync/connection-info";
import { ingestConnection } from "@/server/sync/ingest";
import { replicateOnce } from "@/server/sync/replicate";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import {
  accountCnpj,
  correiosCode,
  homologationXmlWithKey,
  outboxOf,
  spDay,
  spMonth,
  validKey,
} from "../integration/flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "../integration/harness";

process.env.FLUXO_SECRETS_KEY ??= Buffer.alloc(32, 7).toString("base64");

let world: TestWorld;
let sandbox: SandboxProcess;
let accountA: number;
let cnpjA: string;

beforeAll(async () => {
  world = await createTestWorld(3);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  await connectToSandbox(world.db, sandbox.url);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

const connectionA = () => {
  const found = listEnabledConnections(world.db).find((c) => c.accountId === accountA && c.channel === "amazon");
  if (!found) throw new Error("no amazon connection");
  return found;
};
const adapterA = () => adapterFor(connectionInfo(world.db, connectionA()));
const ingest = () => ingestConnection(world.db, connectionA(), adapterA());
const seller = () => world.callerFor(EMAILS.sellerA);
const key = () => validKey(cnpjA, spMonth(0).year, spMonth(0).month);
const xmlFor = (accessKey: string) => homologationXmlWithKey(accessKey).toString("base64");

async function replicate(now?: () => Date) {
  for (let i = 0; i < 10; i++) {
    if ((await replicateOnce(world.db, { owner: "amazon-test", leaseMs: 10_000, batch: 50, adapterFor, now })) === 0) {
      return;
    }
  }
}

async function newOrder(logisticsMode: LogisticsModeId = "correios") {
  return sandbox.admin<{ code: string }>("/admin/orders", {
    seller: cnpjA,
    channel: "amazon",
    logisticsMode,
    status: "APPROVED",
  });
}

function hubOrder(code: string) {
  const rows = world.db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountA), eq(orders.channel, "amazon"), eq(orders.marketplaceCode, code)))
    .all();
  expect(rows).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
}

async function sellerCalls(code: string, kind: string) {
  const { updates } = await sandbox.admin<{ updates: { code: string; kind: string }[] }>(
    `/admin/updates?seller=${cnpjA}`,
  );
  return updates.filter((u) => u.code === code && u.kind === kind).length;
}

describe("Amazon SP-API adapter against the sandbox", () => {
  it("connects through LWA, reads a new order by searchOrders, and uploads the NF-e once (read back before a re-send)", async () => {
    expect(connectionInfo(world.db, connectionA()).credentials?.refreshToken).toBe(`Atzr|sandbox-${cnpjA}`);
    expect(await adapterA().checkConnection()).toEqual({ ok: true });
    const created = await newOrder();
    await ingest();
    const order = hubOrder(created.code);
    expect(order.status).toBe("APPROVED");
    expect(order.customerDocument.length).toBeGreaterThanOrEqual(11);
    // Amazon takes no cancellation through the hub: the seller is sent to Seller Central.
    await expect(
      seller().orders.cancel({ orderId: order.id, version: order.version, reason: "Cliente desistiu da compra" }),
    ).rejects.toThrow(/cancelados em Seller Central › Pedidos › Gerenciar pedidos \(Cancelar pedido\)/);

    const accessKey = key();
    const update = { orderCode: created.code, kind: "invoice", payload: { accessKey, xmlBase64: xmlFor(accessKey) } };
    const first = await adapterA().pushUpdate({ ...update, idempotencyKey: "inv-1" });
    expect(first.outcome).toMatch(/acknowledged|awaiting_confirmation/);
    expect(await adapterA().pushUpdate({ ...update, idempotencyKey: "inv-1" })).toMatchObject({
      outcome: "acknowledged",
    });
    expect(await sellerCalls(created.code, "invoice")).toBe(1);
    expect((await adapterA().readOrder(created.code))?.status).toBe("INVOICED");
  });

  it("ships through the worker with Amazon's item ids, and takes the delivery from Amazon's package status", async () => {
    const created = await newOrder("own_carrier");
    const accessKey = key();
    await adapterA().pushUpdate({
      orderCode: created.code,
      kind: "invoice",
      payload: { accessKey, xmlBase64: xmlFor(accessKey) },
      idempotencyKey: "inv-2",
    });
    await ingest();
    const order = hubOrder(created.code);
    expect(order.status).toBe("INVOICED");
    const tracking = correiosCode();
    await seller().orders.ship({
      orderId: order.id,
      version: order.version,
      tracking: { carrier: "jadlog", code: tracking, method: "Expresso", handedAt: spDay(0) },
    });
    await sandbox.admin("/admin/faults", { errorAfterApply: 1 });
    try {
      await replicateOnce(world.db, { owner: "amazon-test", leaseMs: 10_000, batch: 50, adapterFor });
    } finally {
      await sandbox.admin("/admin/faults", { errorAfterApply: 0 });
    }
    expect(outboxOf(world, order.id)[0]?.state).toBe("retrying");
    await replicate(() => new Date(Date.now() + 60 * 60_000));
    const shipped = await adapterA().readOrder(created.code);
    expect(shipped).toMatchObject({ status: "SHIPPED", shipment: { trackingCode: tracking } });
    // The answer was lost after Amazon applied it: the worker read the order back instead of confirming twice.
    expect(await sellerCalls(created.code, "shipment")).toBe(1);
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state, r.marketplaceResponse])).toEqual([
      ["shipment", "acknowledged", { confirmedBy: "read_back" }],
    ]);

    for (let i = 0; i < 20 && (await adapterA().readOrder(created.code))?.status !== "DELIVERED"; i++) {
      await sandbox.admin("/admin/tick", {});
    }
    await ingest();
    expect(hubOrder(created.code).status).toBe("DELIVERED");
  });

  it("without the Tax Invoicing role the NF-e is refused, and the order page says what to do in Seller Central", async () => {
    const created = await newOrder();
    await ingest();
    const order = hubOrder(created.code);
    await sandbox.admin("/admin/amazon-sp", { withoutTaxInvoicingRole: [cnpjA] });
    const mode = process.env.FLUXO_NFE_MODE;
    process.env.FLUXO_NFE_MODE = "sandbox";
    try {
      await seller().orders.invoice({
        orderId: order.id,
        version: order.version,
        invoice: { method: "xml", fileName: "nota.xml", xmlBase64: xmlFor(key()) },
      });
      await replicate();
    } finally {
      process.env.FLUXO_NFE_MODE = mode;
      await sandbox.admin("/admin/amazon-sp", { withoutTaxInvoicingRole: [] });
    }
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state, r.lastError])).toEqual([
      ["invoice", "rejected", INVOICE_ROLE_MISSING],
    ]);
    const page = await seller().orders.get({ id: order.id });
    expect(JSON.stringify(page)).toContain("Seller Central › Pedidos › Gerenciar pedidos (Enviar nota fiscal)");
    expect(await sellerCalls(created.code, "invoice")).toBe(0);
  });

  it("the sandbox checks what Amazon checks: an NF-e XML, a string packageReferenceId, Amazon's item ids, a live token", async () => {
    const created = await newOrder();
    const adapter = adapterA() as AmazonSpAdapter;
    const refused = await adapter.pushUpdate({
      orderCode: created.code,
      kind: "invoice",
      payload: { accessKey: "x", xmlBase64: Buffer.from("<nota/>").toString("base64") },
      idempotencyKey: "inv-4",
    });
    expect(refused.outcome).toBe("rejected");
    const token = (await (
      await fetch(new URL("/auth/o2/token", sandbox.url), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: `Atzr|sandbox-${cnpjA}`,
          client_id: "amzn1.application-oa2-client.fluxo-sandbox",
          client_secret: "fluxo-sandbox-secret",
        }).toString(),
      })
    ).json()) as { access_token: string; expires_in: number };
    expect(token.expires_in).toBe(3600);
    const confirm = (packageDetail: Record<string, unknown>) =>
      fetch(new URL(`/orders/v0/orders/${encodeURIComponent(created.code)}/shipmentConfirmation`, sandbox.url), {
        method: "POST",
        headers: { "x-amz-access-token": token.access_token, "content-type": "application/json" },
        body: JSON.stringify({ marketplaceId: "A2Q3Y263D00KWC", packageDetail }),
      });
    const base = {
      carrierCode: "Other",
      carrierName: "Jadlog",
      trackingNumber: "T1",
      shipDate: new Date().toISOString(),
    };
    const integer = await confirm({ ...base, packageReferenceId: 1, orderItems: [] });
    expect(integer.status).toBe(400);
    expect(JSON.stringify(await integer.json())).toContain("invalid type [packageDetail.packageReferenceId]");
    const sku = await confirm({
      ...base,
      packageReferenceId: "1",
      orderItems: [{ orderItemId: "SKU-1", quantity: 1 }],
    });
    expect(sku.status).toBe(400);
    expect(JSON.stringify(await sku.json())).toContain("Invalid OrderItemId");
    const search = await fetch(new URL("/orders/2026-01-01/orders?marketplaceIds=A2Q3Y263D00KWC", sandbox.url), {
      headers: { "x-amz-access-token": token.access_token },
    });
    expect(search.status).toBe(400);
    expect(search.headers.get("x-amzn-ratelimit-limit")).toBe("0.0056");
    const expired = await fetch(new URL("/orders/2026-01-01/orders/1", sandbox.url), {
      headers: { "x-amz-access-token": `Atza|sandbox|${cnpjA}|${Date.now() - 1}` },
    });
    expect(expired.status).toBe(403);
  });
});
