import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  correiosCode,
  correiosCodeWrongDigit,
  insertOrder,
  orderRow,
  outboxOf,
  spDay,
  tableCounts,
  timelineOf,
  validKey,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let cnpjA: string;

beforeAll(async () => {
  world = await createTestWorld(0);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = world.accounts[0]?.cnpj ?? "";
});
afterAll(() => world.close());

const seller = () => world.callerFor(EMAILS.sellerA);

async function invoicedOrders(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const order = insertOrder(world, {
      accountId: accountA,
      channel: i % 2 ? "carrefour" : "americanas",
      placedAt: new Date(Date.UTC(2026, 10, 10, 15)),
    });
    await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: validKey(cnpjA) },
    });
    out.push(orderRow(world, order.id));
  }
  return out;
}

const ddmmyyyy = (ymd: string) => ymd.split("-").reverse().join("/");

describe("tracking by spreadsheet", () => {
  it("dry run with ';' and BOM shows each row's verdict and changes nothing; apply ships the good rows", async () => {
    const [a, b, c] = await invoicedOrders(3);
    if (!a || !b || !c) throw new Error("setup");
    const csv =
      "\uFEFFPedido;Transportadora;Código de rastreio;Forma de envio;Data de postagem\r\n" +
      `${a.marketplaceCode};Correios;${correiosCode()};SEDEX;${ddmmyyyy(spDay(0))}\r\n` +
      `${b.marketplaceCode};Correios;${correiosCodeWrongDigit()};PAC;${ddmmyyyy(spDay(0))}\r\n` +
      `${c.marketplaceCode};Jadlog;JD000123456;Expresso;${spDay(0)}\r\n` +
      `NAO-EXISTE;Correios;${correiosCode()};PAC;${ddmmyyyy(spDay(0))}\r\n`;
    const before = tableCounts(world);
    const dry = await seller().orders.importTracking({ csv, apply: false });
    expect(dry.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, true],
      [5, false],
    ]);
    expect(dry[1]?.field).toBe("code");
    expect(dry[1]?.message).toMatch(/dígito verificador/);
    expect(dry[3]?.message).toMatch(/não encontrado/);
    expect(tableCounts(world)).toEqual(before);
    expect(orderRow(world, a.id).status).toBe("INVOICED");

    const applied = await seller().orders.importTracking({ csv, apply: true });
    expect(applied.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(orderRow(world, a.id).status).toBe("SHIPPED");
    expect(orderRow(world, b.id).status).toBe("INVOICED");
    expect(orderRow(world, c.id).status).toBe("SHIPPED");
    // Same path as the single form: timeline entry and outbox (the Carrefour invoice released with the shipment).
    expect(timelineOf(world, c.id).at(-1)?.kind).toBe("order.shipped");
    expect(outboxOf(world, c.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "pending"],
      ["shipment", "pending"],
    ]);
  });

  it("reads ',' without BOM and columns in another order", async () => {
    const [a] = await invoicedOrders(1);
    if (!a) throw new Error("setup");
    const csv = `data de postagem,forma de envio,pedido,codigo de rastreio,transportadora\n${spDay(0)},PAC,${a.marketplaceCode},${correiosCode()},correios\n`;
    const result = await seller().orders.importTracking({ csv, apply: true });
    expect(result).toEqual([expect.objectContaining({ ok: true, orderId: a.id })]);
  });

  it("takes a two-digit year and a code in lower case without its dashes, refuses an impossible day and a repeated order, and checks a corrected row", async () => {
    const [a, b, c] = await invoicedOrders(3);
    if (!a || !b || !c) throw new Error("setup");
    const [year, month, day] = spDay(0).split("-");
    const csv =
      "Pedido;Transportadora;Código de rastreio;Forma de envio;Data de postagem\n" +
      `${a.marketplaceCode.toLowerCase().replaceAll("-", "")};Correios;${correiosCode()};PAC;${day}/${month}/${year?.slice(2)}\n` +
      `${b.marketplaceCode};Correios;${correiosCode()};PAC;31/11/2026\n` +
      `${c.marketplaceCode};Correios;${correiosCode()};PAC;${ddmmyyyy(spDay(0))}\n` +
      `${c.marketplaceCode};Correios;${correiosCode()};SEDEX;${ddmmyyyy(spDay(0))}\n` +
      // The corrected row for b, below its refused one, is checked on its own.
      `${b.marketplaceCode};Correios;${correiosCode()};PAC;${ddmmyyyy(spDay(0))}\n`;
    const dry = await seller().orders.importTracking({ csv, apply: false });
    expect(dry.map((r) => [r.line, r.ok, r.field])).toEqual([
      [2, true, null],
      [3, false, "handedAt"],
      [4, true, null],
      [5, false, "orderCode"],
      [6, true, null],
    ]);
    expect(dry[1]?.message).toMatch(/um dia que exista/);
    expect(dry[3]?.message).toMatch(/já está na linha 4/);
    const applied = await seller().orders.importTracking({ csv, apply: true });
    expect(applied.map((r) => r.ok)).toEqual([true, false, true, false, true]);
    expect(orderRow(world, a.id).status).toBe("SHIPPED");
    expect(orderRow(world, b.id).status).toBe("SHIPPED");
  });

  it("refuses a sheet without the needed columns, and is for sellers only", async () => {
    await expect(seller().orders.importTracking({ csv: "Pedido;Rastreio\nX;Y\n", apply: false })).rejects.toThrow(
      /Falta a coluna/,
    );
    await expect(world.callerFor(EMAILS.managerA).orders.importTracking({ csv: "a", apply: false })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN",
    );
  });
});
