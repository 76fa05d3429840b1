// The Mirakl adapter (Carrefour) against the sandbox speaking Mirakl's seller API: the worker's own intake and
// replication, with the shop key sealed on the connection as the seller would enter it. OR11 polls once a minute
// per shop, so every order is created before the one intake run; later states are read back by order.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSandboxConnections, listEnabledConnections, saveSealedCredentials } from "@/db/queries/connections";
import { orders } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { sandboxMiraklCredentials } from "@/server/channels/mirakl/credentials";
import { adapterFor } from "@/server/channels/registry";
import { encryptSecret, secretKeys } from "@/server/security/secrets";
import { connectionInfo } from "@/server/sync/connection-info";
import { ingestConnection } from "@/server/sync/ingest";
import { replicateOnce } from "@/server/sync/replicate";
import {
  accountCnpj,
  correiosCode,
  homologationXmlWithKey,
  outboxOf,
  spDay,
  spMonth,
  timelineOf,
  validKey,
} from "../integration/flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "../integration/harness";

process.env.FLUXO_SECRETS_KEY ??= Buffer.alloc(32, 7).toString("base64");

let world: TestWorld;
let sandbox: SandboxProcess;
let accountA: number;
let cnpjA: string;
const created: Record<string, string> = {};

type MiraklJson = {
  order_id: string;
  order_state: string;
  can_cancel: boolean;
  shipping_tracking: string | null;
  order_additional_fields: { code: string; value: string }[];
};

beforeAll(async () => {
  world = await createTestWorld(0);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  ensureSandboxConnections(world.db, sandbox.url, ["carrefour"], new Date());
  for (const connection of listEnabledConnections(world.db)) {
    const sealed = encryptSecret(JSON.stringify(sandboxMiraklCredentials(connection.sellerCnpj)), secretKeys());
    saveSealedCredentials(world.db, connection.id, sealed, null);
  }
  for (const [name, status] of [
    ["accept", undefined],
    ["refuse", undefined],
    ["lost", undefined],
    ["flow", "APPROVED"],
    ["cancel", "APPROVED"],
    ["documents", "APPROVED"],
  ] as const) {
    const order = await sandbox.admin<{ code: string }>("/admin/orders", {
      seller: cnpjA,
      channel: "carrefour",
      logisticsMode: "correios",
      ...(status ? { status } : {}),
    });
    created[name] = order.code;
  }
  await ingestConnection(world.db, connectionA(), adapterA());
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

function connectionA() {
  const found = listEnabledConnections(world.db).find((c) => c.accountId === accountA && c.channel === "carrefour");
  if (!found) throw new Error("no carrefour connection");
  return found;
}
const adapterA = () => adapterFor(connectionInfo(world.db, connectionA()));
const seller = () => world.callerFor(EMAILS.sellerA);

async function replicate() {
  for (let i = 0; i < 10; i++) {
    if ((await replicateOnce(world.db, { owner: "mirakl-test", leaseMs: 10_000, batch: 50, adapterFor })) === 0) return;
  }
}

async function mirakl(code: string): Promise<MiraklJson> {
  const res = await fetch(new URL(`/api/orders?order_ids=${encodeURIComponent(code)}`, sandbox.url), {
    headers: { authorization: String(sandboxMiraklCredentials(cnpjA).apiKey), accept: "application/json" },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { orders: MiraklJson[] };
  return body.orders[0] as MiraklJson;
}

function hubOrder(name: string) {
  const rows = world.db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountA),
        eq(orders.channel, "carrefour"),
        eq(orders.marketplaceCode, created[name] ?? ""),
      ),
    )
    .all();
  expect(rows).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
}

describe("Carrefour (Mirakl) against the sandbox", () => {
  it("takes the orders waiting for acceptance with their acceptance deadline", () => {
    const order = hubOrder("accept");
    expect(order.status).toBe("AWAITING_ACCEPTANCE");
    expect(order.deadlineKind).toBe("accept");
    expect(order.deadlineAt?.getTime()).toBe(order.placedAt.getTime() + 24 * 3_600_000);
    expect(hubOrder("flow").status).toBe("APPROVED");
  });

  it("accepts an order: OR21 reaches the marketplace, which goes on to the payment", async () => {
    const order = hubOrder("accept");
    await seller().orders.accept({ orderId: order.id, version: order.version });
    expect(hubOrder("accept").status).toBe("NEW");
    await replicate();
    expect((await mirakl(created.accept ?? "")).order_state).toBe("WAITING_DEBIT_PAYMENT");
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([["accept", "acknowledged"]]);
    expect(timelineOf(world, order.id).map((t) => t.summary)).toContain("Pedido aceito pelo vendedor");
  });

  it("refuses an order: every line refused, the order canceled on both sides", async () => {
    const order = hubOrder("refuse");
    await seller().orders.refuse({ orderId: order.id, version: order.version, reason: "Produto sem estoque" });
    await replicate();
    expect(hubOrder("refuse").status).toBe("CANCELED");
    expect((await mirakl(created.refuse ?? "")).order_state).toBe("REFUSED");
  });

  it("settles an acceptance whose answer was lost by reading the order back, sending OR21 once", async () => {
    await sandbox.admin("/admin/faults", { errorAfterApply: 1 });
    const order = hubOrder("lost");
    await seller().orders.accept({ orderId: order.id, version: order.version });
    await replicateOnce(world.db, { owner: "mirakl-test", leaseMs: 10_000, batch: 50, adapterFor });
    await sandbox.admin("/admin/faults", { errorAfterApply: 0 });
    const row = outboxOf(world, order.id)[0];
    await replicateOnce(world.db, {
      owner: "mirakl-test",
      leaseMs: 10_000,
      batch: 50,
      adapterFor,
      now: () => new Date((row?.nextAttemptAt?.getTime() ?? Date.now()) + 1),
    });
    expect(outboxOf(world, order.id).map((r) => r.state)).toEqual(["acknowledged"]);
    const calls = await sandbox.admin<{ updates: { code: string; kind: string }[] }>(`/admin/updates?seller=${cnpjA}`);
    expect(calls.updates.filter((u) => u.code === created.lost && u.kind === "accept")).toHaveLength(1);
  });

  it("sends the NF-e in the instance's custom fields, then tracking (OR23) and shipment (OR24)", async () => {
    const accessKey = validKey(cnpjA, spMonth(0).year, spMonth(0).month);
    const order = hubOrder("flow");
    const invoiced = await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey },
    });
    await replicate();
    const fields = (await mirakl(created.flow ?? "")).order_additional_fields;
    expect(fields).toEqual(expect.arrayContaining([expect.objectContaining({ code: "nfe-key", value: accessKey })]));
    expect((await adapterA().readOrder(created.flow ?? ""))?.status).toBe("INVOICED");

    const tracking = correiosCode();
    await seller().orders.ship({
      orderId: order.id,
      version: invoiced.version,
      tracking: { carrier: "correios", code: tracking, method: "SEDEX", handedAt: spDay(0) },
    });
    await replicate();
    const view = await mirakl(created.flow ?? "");
    expect([view.order_state, view.shipping_tracking]).toEqual(["SHIPPED", tracking]);
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "acknowledged"],
      ["shipment", "acknowledged"],
    ]);
  });

  it("cancels while Mirakl says can_cancel (OR29), at once", async () => {
    expect((await mirakl(created.cancel ?? "")).can_cancel).toBe(true);
    const order = hubOrder("cancel");
    await seller().orders.cancel({ orderId: order.id, version: order.version, reason: "Cliente desistiu" });
    await replicate();
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([["cancel", "acknowledged"]]);
    expect((await mirakl(created.cancel ?? "")).order_state).toBe("CANCELED");
  });

  it("uploads the NF-e XML as a document (OR74) on a connection set so, and reads it back (OR72)", async () => {
    const adapter = adapterFor({
      ...connectionInfo(world.db, connectionA()),
      credentials: sandboxMiraklCredentials(cnpjA, "documents"),
    });
    const code = created.documents ?? "";
    const accessKey = validKey(cnpjA, spMonth(0).year, spMonth(0).month, 35);
    const keyOnly = await adapter.pushUpdate({
      orderCode: code,
      kind: "invoice",
      payload: { accessKey },
      idempotencyKey: "a",
    });
    expect(keyOnly).toEqual({ outcome: "rejected", reason: expect.stringMatching(/arquivo XML/) });
    const xmlBase64 = homologationXmlWithKey(accessKey).toString("base64");
    const sent = await adapter.pushUpdate({
      orderCode: code,
      kind: "invoice",
      payload: { accessKey, xmlBase64 },
      idempotencyKey: "b",
    });
    expect(sent.outcome).toBe("acknowledged");
    expect(await adapter.readOrder(code)).toMatchObject({ status: "INVOICED", invoice: { accessKey } });
  });

  it("refuses a wrong shop key in pt-BR on the connection test", async () => {
    const adapter = adapterFor({
      ...connectionInfo(world.db, connectionA()),
      credentials: { apiKey: "wrong-key-123" },
    });
    expect(await adapter.checkConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/chave da loja/),
    });
    expect(await adapterA().checkConnection()).toEqual({ ok: true });
  });
});
