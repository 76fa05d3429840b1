// SPEC §3 tracking: Correios S10 codes, URL limit, the hand-over date window, and what is stored on success.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { saoPauloDayStart, toSaoPauloYmd } from "@/server/domain/time";
import {
  accountCnpj,
  correiosCode,
  correiosCodeWrongDigit,
  expectRefusedWithoutChange,
  homologationXmlWithKey,
  insertOrder,
  orderRow,
  outboxOf,
  shipmentsOf,
  spDay,
  tracking,
  userMessage,
  validKey,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let cnpjA: string;
const originalMode = process.env.FLUXO_NFE_MODE;

beforeAll(async () => {
  world = await createTestWorld(3);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
});
afterEach(() => {
  if (originalMode === undefined) delete process.env.FLUXO_NFE_MODE;
  else process.env.FLUXO_NFE_MODE = originalMode;
});
afterAll(() => world.close());

const seller = () => world.callerFor(EMAILS.sellerA);

/** An order invoiced just now by key: the invoice date is today. */
async function invoicedByKey(channel: "americanas" | "carrefour" = "americanas") {
  const order = insertOrder(world, { accountId: accountA, channel, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
  await seller().orders.invoice({
    orderId: order.id,
    version: order.version,
    invoice: { method: "key", accessKey: validKey(cnpjA, 2026, 11) },
  });
  return orderRow(world, order.id);
}

/** An order invoiced by XML issued on 2018-09-25 (São Paulo). */
async function invoicedByXml() {
  process.env.FLUXO_NFE_MODE = "sandbox";
  const order = insertOrder(world, {
    accountId: accountA,
    placedAt: new Date(Date.UTC(2018, 8, 20, 15)),
    customerDocument: "58716523000119",
    totalCents: 50_000,
  });
  const xml = homologationXmlWithKey(validKey(cnpjA, 2018, 9));
  await seller().orders.invoice({
    orderId: order.id,
    version: order.version,
    invoice: { method: "xml", fileName: "nota.xml", xmlBase64: xml.toString("base64") },
  });
  return orderRow(world, order.id);
}

type Tracking = Parameters<ReturnType<typeof seller>["orders"]["ship"]>[0]["tracking"];

function ship(orderId: number, version: number, t: Tracking) {
  return seller().orders.ship({ orderId, version, tracking: t });
}

describe("tracking refusals leave the order as it was", () => {
  it("Mercado Livre (own carrier) takes the code only with its tracking link → TRACKING_URL; with it, shipped", async () => {
    const o = insertOrder(world, {
      accountId: accountA,
      channel: "mercado_livre",
      logisticsMode: "own_carrier",
      status: "INVOICED",
      placedAt: new Date(Date.UTC(2026, 10, 10, 15)),
    });
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ url: "" })),
      "BAD_REQUEST",
      "TRACKING_URL",
    );
    expect(error.message).toContain("junto com o link");
    const out = await ship(o.id, o.version, tracking());
    expect(out.status).toBe("SHIPPED");
  });

  it("a valid S10 code of another country is not a Correios code → TRACKING_CODE naming BR", async () => {
    const o = await invoicedByKey();
    const foreign = `${correiosCode().slice(0, 11)}US`;
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ code: foreign })),
      "BAD_REQUEST",
      "TRACKING_CODE",
    );
    expect(error.message).toContain("terminam em BR");
  });

  it("a Correios code with a wrong S10 check digit → TRACKING_CODE naming the digit", async () => {
    const o = await invoicedByKey();
    const code = correiosCodeWrongDigit();
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ code })),
      "BAD_REQUEST",
      "TRACKING_CODE",
    );
    expect(error.message).toContain("dígito verificador");
    expect((error.cause as { field?: string }).field).toBe("code");
  });

  it.each([["12345678901"], ["AA12345678BR"], ["AA1234567855BR"], ["A1123456785BR"]])(
    "a Correios code not in S10 format (%s) → TRACKING_CODE",
    async (code) => {
      const o = await invoicedByKey();
      await expectRefusedWithoutChange(
        world,
        o.id,
        () => ship(o.id, o.version, tracking({ code })),
        "BAD_REQUEST",
        "TRACKING_CODE",
      );
    },
  );

  it("another carrier's code: too short or with odd characters → TRACKING_CODE", async () => {
    const o = await invoicedByKey();
    for (const code of ["AB1", "JD 123#456"]) {
      await expectRefusedWithoutChange(
        world,
        o.id,
        () => ship(o.id, o.version, tracking({ carrier: "jadlog", code, method: "Jadlog .Package" })),
        "BAD_REQUEST",
        "TRACKING_CODE",
      );
    }
  });

  it("a tracking URL over 200 characters → BAD_REQUEST naming the limit", async () => {
    const o = await invoicedByKey();
    const url = `https://rastreamento.correios.com.br/app/index.php?objeto=${"A".repeat(150)}`;
    expect(url.length).toBeGreaterThan(200);
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ url })),
      "BAD_REQUEST",
    );
    expect(userMessage(error)).toContain("200 caracteres");
  });

  it("a URL of 200 characters passes, one that is not http(s) does not", async () => {
    const o = await invoicedByKey();
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ url: "javascript:alert(1)" })),
      "BAD_REQUEST",
      "TRACKING_URL",
    );
    const url = `https://rastreio.example.com.br/${"a".repeat(200 - 32)}`;
    expect(url).toHaveLength(200);
    const out = await ship(o.id, o.version, tracking({ url }));
    expect(out.status).toBe("SHIPPED");
    expect(shipmentsOf(world, o.id)[0]?.trackingUrl).toBe(url);
  });

  it("handed to the carrier in the future → TRACKING_HANDEDAT", async () => {
    const o = await invoicedByKey();
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ handedAt: spDay(1) })),
      "BAD_REQUEST",
      "TRACKING_HANDEDAT",
    );
  });

  it("handed to the carrier before the NF-e was issued → TRACKING_HANDEDAT", async () => {
    const o = await invoicedByXml();
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ handedAt: "2018-09-24" })),
      "BAD_REQUEST",
      "TRACKING_HANDEDAT",
    );
    expect(error.message).toContain("25/09/2018");
    // The day the NF-e was issued is fine.
    const out = await ship(o.id, o.version, tracking({ handedAt: "2018-09-25" }));
    expect(out.status).toBe("SHIPPED");
  });

  it("after a key-only invoice, handed before the key's issue month → TRACKING_HANDEDAT; within it, fine", async () => {
    const o = await invoicedByKey();
    // The key says November 2026 (invoicedByKey), whatever month the test runs in.
    const firstOfMonth = "2026-11-01";
    const lastOfPreviousMonth = toSaoPauloYmd(new Date(saoPauloDayStart(firstOfMonth).getTime() - 1));
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ handedAt: lastOfPreviousMonth })),
      "BAD_REQUEST",
      "TRACKING_HANDEDAT",
    );
    // Only the month is in the key: the seller may type it days after posting the package.
    const out = await ship(o.id, o.version, tracking({ handedAt: firstOfMonth }));
    expect(out.status).toBe("SHIPPED");
  });

  it("an impossible date (30/02) → TRACKING_HANDEDAT; a malformed one → BAD_REQUEST from the schema", async () => {
    const o = await invoicedByKey();
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ handedAt: "2026-02-30" })),
      "BAD_REQUEST",
      "TRACKING_HANDEDAT",
    );
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ handedAt: "27/11/2026" })),
      "BAD_REQUEST",
    );
  });

  it("an unknown carrier or a one-letter method is refused by the schema", async () => {
    const o = await invoicedByKey();
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, { ...tracking(), carrier: "fedex" as "correios" }),
      "BAD_REQUEST",
    );
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, o.version, tracking({ method: "X" })),
      "BAD_REQUEST",
    );
  });
});

describe("accepted tracking", () => {
  it("a Correios code typed in groups and lower case is stored normalised", async () => {
    const o = await invoicedByKey();
    const out = await ship(o.id, o.version, tracking({ code: " aa 123 456 785 br ", url: "" }));
    expect(out.status).toBe("SHIPPED");
    expect(orderRow(world, o.id).trackingCode).toBe("AA123456785BR");
    expect(shipmentsOf(world, o.id)).toMatchObject([{ trackingCode: "AA123456785BR", trackingUrl: null }]);
  });

  it("another carrier's free-text code; the handed-at day is stored as the start of that São Paulo day", async () => {
    const o = await invoicedByKey("carrefour");
    const day = spDay(0);
    await ship(o.id, o.version, {
      carrier: "jadlog",
      code: "10012345678901",
      method: "Jadlog .Package",
      handedAt: day,
    });
    const [row] = shipmentsOf(world, o.id);
    expect(row).toMatchObject({ carrier: "jadlog", trackingCode: "10012345678901", method: "Jadlog .Package" });
    expect(row?.handedAt.toISOString()).toBe(`${day}T03:00:00.000Z`);
    // The held Carrefour invoice went out with the shipment.
    expect(outboxOf(world, o.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "pending"],
      ["shipment", "pending"],
    ]);
  });

  it("after a delivery problem, the re-send is checked the same way", async () => {
    const o = await invoicedByXml();
    await ship(o.id, o.version, tracking({ handedAt: "2018-09-26" }));
    await seller().orders.reportDeliveryProblem({
      orderId: o.id,
      version: o.version + 1,
      occurredOn: spDay(0),
      observation: "Objeto extraviado pelos Correios",
    });
    const v = o.version + 2;
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, v, tracking({ code: correiosCodeWrongDigit() })),
      "BAD_REQUEST",
      "TRACKING_CODE",
    );
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => ship(o.id, v, tracking({ handedAt: "2018-09-20" })),
      "BAD_REQUEST",
      "TRACKING_HANDEDAT",
    );
    const out = await ship(o.id, v, tracking());
    expect(out.status).toBe("SHIPPED");
    expect(shipmentsOf(world, o.id)).toHaveLength(2);
  });
});
