import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, isNotNull, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, migrateDb, openDb } from "@/db/client";
import { demoOrdersForSandbox } from "@/db/queries/sandbox-mirror";
import { divergences, invoices, orders, outbox, sellerAccounts } from "@/db/schema";
import { seed } from "@/scripts/seed-data/seed";
import { CHANNEL_RULES } from "@/server/domain/channels/rules";
import { detectDivergences } from "@/server/domain/divergences/detect";
import { readNfeXml } from "@/server/domain/invoice/nfe-xml";
import { endOfToday } from "@/server/domain/orders/deadlines";
import { createTestWorld, FIXED_NOW, type TestWorld } from "./harness";

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld(300);
});
afterAll(() => world.close());

function invoicedOrders() {
  return world.db
    .select({ order: orders, invoice: invoices, cnpj: sellerAccounts.cnpj })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
    .all();
}

describe("the demo seed's invoices", () => {
  it("on a channel that refuses a key alone, come with an NF-e XML the hub itself accepts for that order, warning-free", () => {
    const byXml = invoicedOrders().filter(({ order }) => CHANNEL_RULES[order.channel].invoiceNeedsXml);
    expect(byXml.length).toBeGreaterThan(20);
    for (const { order, invoice, cnpj } of byXml) {
      expect(invoice.source).toBe("xml");
      const xml = invoice.xml;
      if (!xml) throw new Error(`order ${order.id} has no XML`);
      expect(invoice.xmlSha256).toBe(createHash("sha256").update(xml).digest("hex"));
      expect(xml.length).toBeLessThan(3_000);
      const read = readNfeXml(xml, {
        sellerCnpj: cnpj,
        mode: "sandbox",
        orderCustomerDocument: order.customerDocument,
        orderTotalCents: order.totalCents,
        orderPlacedAt: order.placedAt,
        now: new Date(FIXED_NOW),
      });
      if (!read.ok) throw new Error(`order ${order.id}: ${read.error.message}`);
      expect(read.warnings).toEqual([]);
      expect(read.nfe).toMatchObject({
        accessKey: order.accessKey,
        totalCents: order.totalCents,
        recipientDocument: order.customerDocument,
        recipientName: order.customerName,
        environment: 2,
        references: { purchaseOrders: [order.marketplaceCode] },
      });
      expect(read.nfe.issuedAt).toEqual(invoice.issuedAt);
    }
  });

  it("a homologation note is refused where production runs, as for any seller", () => {
    const [first] = invoicedOrders().filter(({ invoice }) => invoice.source === "xml");
    if (!first?.invoice.xml) throw new Error("no XML invoice seeded");
    const read = readNfeXml(first.invoice.xml, { sellerCnpj: first.cnpj, mode: "production" });
    expect(read.ok ? null : read.error.code).toBe("NFE_HOMOLOGATION");
  });

  it("elsewhere stay invoiced by key, and the updates that send either say which", () => {
    const byKey = invoicedOrders().filter(({ order }) => !CHANNEL_RULES[order.channel].invoiceNeedsXml);
    expect(byKey.length).toBeGreaterThan(20);
    for (const { invoice } of byKey) expect([invoice.source, invoice.xml]).toEqual(["key", null]);
    const sent = world.db
      .select({ channel: outbox.channel, payload: outbox.payload })
      .from(outbox)
      .where(eq(outbox.kind, "invoice"))
      .all();
    for (const { channel, payload } of sent) {
      expect(payload.hasXml === true).toBe(CHANNEL_RULES[channel].invoiceNeedsXml);
    }
  });
});

describe("the demo's deadlines and divergences", () => {
  let demo: Db;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "fluxo-demo-"));
    demo = openDb(join(dir, "demo.db"));
    migrateDb(demo);
    await seed(demo, { accounts: 2, ordersPerAccount: 300, now: FIXED_NOW, demoDivergences: true });
  });
  afterAll(() => {
    demo?.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has a minority of each account's open orders late and some due today, across channels", () => {
    const endOfDay = endOfToday(new Date(FIXED_NOW)).getTime();
    const rows = demo
      .select({ accountId: orders.accountId, channel: orders.channel, deadlineAt: orders.deadlineAt })
      .from(orders)
      .where(isNotNull(orders.deadlineAt))
      .all();
    const lateChannels = new Set<string>();
    for (const accountId of new Set(rows.map((r) => r.accountId))) {
      const mine = rows.filter((r) => r.accountId === accountId);
      const late = mine.filter((r) => (r.deadlineAt?.getTime() ?? 0) < FIXED_NOW);
      const today = mine.filter((r) => {
        const at = r.deadlineAt?.getTime() ?? 0;
        return at >= FIXED_NOW && at < endOfDay;
      });
      for (const r of late) lateChannels.add(r.channel);
      expect(late.length / mine.length).toBeGreaterThan(0.05);
      expect(late.length / mine.length).toBeLessThan(0.4);
      expect(today.length).toBeGreaterThanOrEqual(3);
    }
    expect(lateChannels.size).toBeGreaterThanOrEqual(3);
  });

  it("has a handful of real divergences, each explained, that the marketplace's side keeps open", () => {
    const open = demo.select().from(divergences).where(isNull(divergences.resolvedAt)).all();
    expect(open.length).toBeGreaterThanOrEqual(4);
    expect(open.length).toBeLessThanOrEqual(8);
    expect(new Set(open.map((d) => d.kind))).toEqual(new Set(["manual_change", "data_mismatch", "not_acknowledged"]));
    const mirrored = new Map(demoOrdersForSandbox(demo).map((o) => [o.code, o]));
    for (const d of open) {
      expect(d.likelyCause).not.toMatch(/payload\.|\([a-z]+_[a-z_]+\)/);
      const order = demo.select().from(orders).where(eq(orders.id, d.orderId)).get();
      if (!order) throw new Error(`divergence ${d.id} without its order`);
      const theirs = mirrored.get(order.marketplaceCode);
      const side = {
        status: theirs?.status ?? order.status,
        accessKey: theirs?.invoice?.accessKey ?? null,
        trackingCode: theirs?.shipment?.trackingCode ?? null,
      };
      expect(side).toEqual(d.marketplaceState);
      const updates = demo.select().from(outbox).where(eq(outbox.orderId, order.id)).all();
      expect(detectDivergences(order, updates, side)).toContainEqual({ kind: d.kind, likelyCause: d.likelyCause });
    }
  });
});
