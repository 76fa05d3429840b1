// The acceptance step (Carrefour, Mirakl's WAITING_ACCEPTANCE) as the seller meets it: offered only while the order
// waits, refused with the step to take otherwise, a refusal that needs its reason, the order page's deadline, and
// the connection the seller makes with Mirakl's shop key.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSandboxConnections } from "@/db/queries/connections";
import { channelConnections } from "@/db/schema";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { offeredActions } from "@/server/domain/orders/order-guidance";
import { nextStepHint } from "@/server/domain/orders/transitions";
import { insertOrder, outboxOf, timelineOf } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;

beforeAll(async () => {
  process.env.FLUXO_SECRETS_KEY ??= Buffer.alloc(32, 7).toString("base64");
  world = await createTestWorld(0);
  accountA = world.accounts[0]?.id ?? 0;
  ensureSandboxConnections(world.db, "http://127.0.0.1:9", CHANNEL_IDS, new Date());
});
afterAll(() => world.close());

const seller = () => world.callerFor(EMAILS.sellerA);
const awaiting = () => insertOrder(world, { accountId: accountA, channel: "carrefour", status: "AWAITING_ACCEPTANCE" });

describe("accepting and refusing an order", () => {
  it("the order page offers only accepting or refusing, and says why the step comes first", async () => {
    const order = awaiting();
    const page = await seller().orders.get({ id: order.id });
    expect(nextStepHint({ ...page.order, cancellationRequestedAt: null })).toBe(
      "Aceite ou recuse o pedido: o marketplace só cobra o cliente depois do aceite",
    );
    expect(offeredActions(page.order)).toEqual(["accept", "refuse"]);
    await expect(
      seller().orders.invoice({
        orderId: order.id,
        version: order.version,
        invoice: { method: "key", accessKey: "3".repeat(44) },
      }),
    ).rejects.toThrow("O próximo passo é aceitar ou recusar o pedido.");
  });

  it("accepting writes the order, its timeline and one update for the marketplace, once", async () => {
    const order = awaiting();
    const out = await seller().orders.accept({ orderId: order.id, version: order.version });
    expect(out.status).toBe("NEW");
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([["accept", "pending"]]);
    expect(timelineOf(world, order.id).at(-1)?.summary).toBe("Pedido aceito pelo vendedor");
    await expect(seller().orders.accept({ orderId: order.id, version: out.version })).rejects.toThrow(
      /Não é possível aceitar o pedido neste momento/,
    );
  });

  it("refusing needs a reason, cancels the order and sends the refusal", async () => {
    const order = awaiting();
    await expect(seller().orders.refuse({ orderId: order.id, version: order.version, reason: "  " })).rejects.toThrow(
      /motivo/i,
    );
    const out = await seller().orders.refuse({ orderId: order.id, version: order.version, reason: "Sem estoque" });
    expect(out.status).toBe("CANCELED");
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.payload])).toEqual([["refuse", { reason: "Sem estoque" }]]);
  });

  it("offers no delivery nor delivery problem once shipped: the customer confirms receipt or opens an incident", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "carrefour", status: "SHIPPED" });
    expect(offeredActions(order)).toEqual([]);
    await expect(
      seller().orders.reportDeliveryProblem({
        orderId: order.id,
        version: order.version,
        occurredOn: "2026-11-20",
        observation: "Cliente ausente",
      }),
    ).rejects.toThrow("Carrefour não recebe problemas de entrega da loja");
  });

  it("is never offered on an order of a channel without acceptance", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "americanas", status: "NEW" });
    await expect(seller().orders.accept({ orderId: order.id, version: order.version })).rejects.toThrow(
      /aguarde a confirmação do marketplace/,
    );
  });
});

describe("the Carrefour connection", () => {
  it("stores the instance's address and the shop key sealed, and says how the NF-e goes", async () => {
    await seller().connections.setMiraklKey({
      channel: "carrefour",
      baseUrl: "https://carrefourbr.mirakl.net",
      apiKey: "f1e2d3c4-b5a6-4978-8899-aabbccddeeff",
      invoiceMethod: "documents",
      nfeDocumentType: "NFE_XML",
    });
    const row = world.db
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.accountId, accountA))
      .all()
      .find((c) => c.channel === "carrefour");
    expect(row?.baseUrl).toBe("https://carrefourbr.mirakl.net");
    expect(row?.credentials).not.toContain("f1e2d3c4");
    const mine = await seller().connections.mine();
    expect(mine.find((c) => c.channel === "carrefour")).toMatchObject({
      setup: "shop_key",
      protocol: "API Mirakl do Carrefour (chave da loja)",
      identity: "Chave da loja terminada em eeff · NF-e enviada como arquivo XML",
      invoiceMethod: "documents",
    });
    expect(JSON.stringify(mine)).not.toContain("f1e2d3c4");
  });

  it("refuses a key or an address that cannot be right, in pt-BR", async () => {
    await expect(
      seller().connections.setMiraklKey({
        channel: "carrefour",
        baseUrl: "carrefour",
        apiKey: "curta",
        invoiceMethod: "additional_fields",
      }),
    ).rejects.toThrow(/instância Mirakl|chave da loja/);
  });
});
