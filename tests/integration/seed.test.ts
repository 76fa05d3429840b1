import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, orders, outbox, sellerAccounts } from "@/db/schema";
import { CHANNEL_RULES } from "@/server/domain/channels/rules";
import { readNfeXml } from "@/server/domain/invoice/nfe-xml";
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
