// Issue 16, item 3: a marketplace's refusal reaches the order page in pt-BR words, never as a bare code, with what to
// do in Fluxo. Runs the real worker against the marketplace sandbox's /v1 (Amazon), whose refusals name codes.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { orderGuidance } from "@/server/domain/orders/order-guidance";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import { accountCnpj, outboxOf, spMonth, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";
import { ingestAll, replicateAll } from "./sandbox-sync";

let world: TestWorld;
let sandbox: SandboxProcess;
let accountA: number;
let cnpjA: string;

beforeAll(async () => {
  world = await createTestWorld(2);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  await connectToSandbox(world.db, sandbox.url);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

describe("a marketplace's refusal on the order page", () => {
  it("names the marketplace's code in words and says what to do in Fluxo, to every role that reads the order", async () => {
    const created = await sandbox.admin<{ code: string }>("/admin/orders", {
      seller: cnpjA,
      channel: "americanas",
      logisticsMode: "correios",
      status: "APPROVED",
    });
    await ingestAll(world.db);
    const order = world.db
      .select()
      .from(orders)
      .where(and(eq(orders.accountId, accountA), eq(orders.marketplaceCode, created.code)))
      .get();
    if (!order) throw new Error("order not ingested");
    const seller = world.callerFor(EMAILS.sellerA);
    const invoiced = await seller.orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: validKey(cnpjA, spMonth().year, spMonth().month) },
    });
    await replicateAll(world.db);
    // Someone ships it in Americanas' own panel; the seller then asks for a cancellation, which SkyHub refuses.
    await sandbox.admin(`/admin/orders/americanas/${encodeURIComponent(created.code)}/manual-change`, {
      status: "SHIPPED",
    });
    await seller.orders.cancel({ orderId: order.id, version: invoiced.version, reason: "Cliente desistiu da compra" });
    await replicateAll(world.db);
    const cancel = outboxOf(world, order.id).find((u) => u.kind === "cancel");
    expect(cancel?.state).toBe("rejected");
    expect(cancel?.lastError).toContain("O pedido já foi enviado.");

    for (const caller of [
      seller,
      world.callerFor(EMAILS.managerA),
      world.callerFor(EMAILS.support, accountA),
      world.callerFor(EMAILS.admin, accountA),
    ]) {
      const detail = await caller.orders.get({ id: order.id });
      const page = orderGuidance({
        order: detail.order,
        updates: detail.replication,
        timeline: detail.timeline,
        divergences: detail.openDivergences,
        deadline: detail.deadline,
      });
      const line = page.updates.find((u) => u.kind === "cancel");
      // SkyHub's own words, with the code it names the call by turned into the seller's.
      expect(line?.reason).toBe(
        "A Americanas respondeu: O pedido já foi enviado. Se a entrega não vai acontecer, informe antes um problema de entrega e depois cancele.",
      );
      expect(line?.resendable).toBe(true);
      expect(page.nextStep).toMatch(/^Resolva o que o marketplace apontou na atualização “Cancelamento”/);
      const said = [page.nextStep, ...page.updates.map((u) => u.reason), ...detail.timeline.map((e) => e.summary)];
      expect(said.join("\n")).not.toMatch(/\(delivery_problem\)|painel do marketplace/);
    }
    await expect(world.callerFor(EMAILS.sellerB).orders.get({ id: order.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  }, 60_000);
});
