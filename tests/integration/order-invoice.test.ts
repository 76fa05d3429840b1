// SPEC §3 invoice: every refusal of a key or an NF-e XML leaves everything as it was; the real fixtures are read
// as fixtures/nfe/README.md says; the stored file is the uploaded one, byte for byte; concurrent submissions.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { invoices, sellerAccounts } from "@/db/schema";
import { createCaller } from "@/server/api/root";
import { cnpjCheckDigits } from "@/server/domain/documents/cnpj";
import { NFE_XML_MAX_BYTES } from "@/server/domain/invoice/nfe-xml";
import {
  accountCnpj,
  expectPtBr,
  expectRefusal,
  expectRefusedWithoutChange,
  fixture,
  fixtureBase64,
  HOMOLOGATION_KEY,
  homologationXmlWithKey,
  insertOrder,
  invoicesOf,
  orderRow,
  outboxOf,
  rawKey,
  snapshot,
  spMonth,
  tableCounts,
  timelineOf,
  validKey,
  withWrongCheckDigit,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

const CNPJ_A = "06929383000163";
const CNPJ_B = "58716523000119";
const HOMOLOGATION_PLACED_AT = new Date(Date.UTC(2018, 7, 28, 14, 0, 0)); // 2018-08-28, before the 2018-09 issue

let world: TestWorld;
let accountA: number;
let accountB: number;
const originalMode = process.env.FLUXO_NFE_MODE;

function setMode(mode: "sandbox" | "production") {
  process.env.FLUXO_NFE_MODE = mode;
}

beforeAll(async () => {
  world = await createTestWorld(3);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
  expect(accountCnpj(world, accountA)).toBe(CNPJ_A);
  expect(accountCnpj(world, accountB)).toBe(CNPJ_B);
});
afterEach(() => {
  if (originalMode === undefined) delete process.env.FLUXO_NFE_MODE;
  else process.env.FLUXO_NFE_MODE = originalMode;
});
afterAll(() => world.close());

const sellerA = () => world.callerFor(EMAILS.sellerA);
const sellerB = () => world.callerFor(EMAILS.sellerB);

function byKey(orderId: number, version: number, accessKey: string) {
  return sellerA().orders.invoice({ orderId, version, invoice: { method: "key", accessKey } });
}

function byXml(
  caller: ReturnType<TestWorld["callerFor"]>,
  orderId: number,
  version: number,
  xml: Buffer,
  fileName = "nota.xml",
) {
  return caller.orders.invoice({
    orderId,
    version,
    invoice: { method: "xml", fileName, xmlBase64: xml.toString("base64") },
  });
}

describe("access key refusals (order placed 2026-11, account A)", () => {
  const order = () =>
    insertOrder(world, { accountId: accountA, channel: "americanas", placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
  const good = () => validKey(CNPJ_A, 2026, 11);

  const cases: [string, () => string, string][] = [
    ["43 characters", () => good().slice(0, 43), "ACCESS_KEY_LENGTH"],
    ["45 characters", () => `${good()}7`, "ACCESS_KEY_LENGTH"],
    [
      "a lower-case letter in the CNPJ part",
      () => {
        const k = good();
        return `${k.slice(0, 6)}a${k.slice(7)}`;
      },
      "ACCESS_KEY_CHARSET",
    ],
    [
      "a letter outside the CNPJ part",
      () => {
        const k = good();
        return `${k.slice(0, 30)}X${k.slice(31)}`;
      },
      "ACCESS_KEY_CHARSET",
    ],
    ["a wrong check digit", () => withWrongCheckDigit(good()), "ACCESS_KEY_CHECK_DIGIT"],
    [
      "unknown state code 99",
      () => rawKey({ state: "99", yymm: "2611", cnpj: CNPJ_A, model: "55" }),
      "ACCESS_KEY_STATE",
    ],
    ["month 13", () => rawKey({ state: "43", yymm: "2613", cnpj: CNPJ_A, model: "55" }), "ACCESS_KEY_MONTH"],
    ["model 65 (NFC-e)", () => rawKey({ state: "43", yymm: "2611", cnpj: CNPJ_A, model: "65" }), "ACCESS_KEY_MODEL"],
    [
      "an invalid CNPJ in the key",
      () => rawKey({ state: "43", yymm: "2611", cnpj: "06929383000164", model: "55" }),
      "ACCESS_KEY_CNPJ",
    ],
    ["another company's CNPJ", () => validKey(CNPJ_B, 2026, 11, 35), "ACCESS_KEY_SELLER_CNPJ"],
    [
      "an issue month in the future",
      () => {
        const m = spMonth(1);
        return validKey(CNPJ_A, m.year, m.month);
      },
      "ACCESS_KEY_ISSUE_MONTH",
    ],
    ["an issue month before the order was placed", () => validKey(CNPJ_A, 2026, 10), "ACCESS_KEY_ISSUE_MONTH"],
  ];

  it.each(cases)("%s → BAD_REQUEST, nothing written", async (_label, makeKey, domainCode) => {
    const o = order();
    const key = makeKey();
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => byKey(o.id, o.version, key),
      "BAD_REQUEST",
      domainCode,
    );
    expect((error.cause as { field?: string }).field).toBe("accessKey");
  });

  it("the check-digit message names the check digit and the expected value", async () => {
    const o = order();
    const key = withWrongCheckDigit(good());
    const error = await expectRefusal(byKey(o.id, o.version, key), "BAD_REQUEST", "ACCESS_KEY_CHECK_DIGIT");
    expect(error.message).toContain("dígito verificador");
    expect(error.message).toContain(`deveria ser ${expectedDigit(key.slice(0, 43))}`);
  });

  it("a key already used by another order → CONFLICT, and the second order is untouched", async () => {
    const first = order();
    const key = good();
    await byKey(first.id, first.version, key);
    const second = order();
    const error = await expectRefusedWithoutChange(
      world,
      second.id,
      () => byKey(second.id, second.version, key),
      "CONFLICT",
      "ACCESS_KEY_IN_USE",
    );
    expect(error.message).toContain("já foi usada");
    expect(world.db.select().from(invoices).where(eq(invoices.accessKey, key)).all()).toHaveLength(1);
  });

  it("a key used by another account's order is refused as foreign, never revealing that order", async () => {
    const orderB = insertOrder(world, { accountId: accountB, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
    const keyB = validKey(CNPJ_B, 2026, 11, 35);
    await sellerB().orders.invoice({
      orderId: orderB.id,
      version: orderB.version,
      invoice: { method: "key", accessKey: keyB },
    });
    const o = order();
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => byKey(o.id, o.version, keyB),
      "BAD_REQUEST",
      "ACCESS_KEY_SELLER_CNPJ",
    );
  });

  it("a key pasted in DANFE groups, with dots, is stored clean", async () => {
    const o = order();
    const key = good();
    const pasted = `  ${key.replace(/(.{4})/g, "$1 ").replace(/ (\d{4}) /, ".$1.")} `;
    const out = await byKey(o.id, o.version, pasted);
    expect(out.status).toBe("INVOICED");
    expect(orderRow(world, o.id).accessKey).toBe(key);
    expect(invoicesOf(world, o.id)[0]?.accessKey).toBe(key);
  });

  it("an over-long key input is refused by the input schema with a pt-BR message", async () => {
    const o = order();
    await expectRefusedWithoutChange(world, o.id, () => byKey(o.id, o.version, "1".repeat(121)), "BAD_REQUEST");
  });
});

/** SPEC §3 check digit, written out independently of the domain code. */
function expectedDigit(first43: string): string {
  let sum = 0;
  for (let i = 0; i < 43; i++) sum += (first43.charCodeAt(i) - 48) * (2 + ((42 - i) % 8));
  const r = sum % 11;
  return String(r < 2 ? 0 : 11 - r);
}

describe("NF-e XML refusals", () => {
  const order2018 = (accountId = accountA) =>
    insertOrder(world, {
      accountId,
      channel: "americanas",
      placedAt: HOMOLOGATION_PLACED_AT,
      customerDocument: CNPJ_B,
      totalCents: 50_000,
    });

  it("a file over 3 MB → XML_TOO_LARGE", async () => {
    setMode("sandbox");
    const o = order2018();
    const big = Buffer.concat([
      Buffer.from('<?xml version="1.0"?><nfeProc>'),
      Buffer.alloc(NFE_XML_MAX_BYTES - 30, 0x20),
      Buffer.from("</nfeProc>"),
    ]);
    expect(big.byteLength).toBeGreaterThan(NFE_XML_MAX_BYTES);
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, big),
      "BAD_REQUEST",
      "XML_TOO_LARGE",
    );
    expect(error.message).toContain("3 MB");
  });

  it("a much larger upload is stopped by the input schema, with a pt-BR message", async () => {
    const o = order2018();
    const huge = Buffer.alloc(NFE_XML_MAX_BYTES + 64 * 1024, 0x41);
    await expectRefusedWithoutChange(world, o.id, () => byXml(sellerA(), o.id, o.version, huge), "BAD_REQUEST");
  });

  it.each([
    [
      "a DOCTYPE with an ENTITY",
      "XML_DOCTYPE",
      '<?xml version="1.0"?><!DOCTYPE nfeProc [<!ENTITY x SYSTEM "file:///etc/passwd">]><nfeProc>&x;</nfeProc>',
    ],
    ["an ENTITY without DOCTYPE", "XML_DOCTYPE", '<?xml version="1.0"?><nfeProc><!ENTITY a "aaaa"></nfeProc>'],
    ["plain text", "NOT_XML", "isto não é um XML, é a nota em texto"],
    ["a PDF (the DANFE)", "NOT_XML", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n"],
    ["a broken XML", "XML_MALFORMED", '<?xml version="1.0"?><nfeProc><NFe><infNFe Id="NFe1">'],
    ["an empty file", "XML_EMPTY", ""],
  ])("%s → %s", async (_label, domainCode, content) => {
    setMode("sandbox");
    const o = order2018();
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, Buffer.from(content, "utf8")),
      "BAD_REQUEST",
      domainCode,
    );
  });

  it("schema-template-garbage.xml is not an NF-e", async () => {
    setMode("sandbox");
    const o = order2018();
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, fixture("schema-template-garbage.xml")),
      "BAD_REQUEST",
      "NOT_NFE",
    );
  });

  it("signed-no-protocol.xml has no authorisation protocol", async () => {
    setMode("sandbox");
    const o = order2018();
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, fixture("signed-no-protocol.xml")),
      "BAD_REQUEST",
      "NFE_NO_PROTOCOL",
    );
    expect(error.message).toContain("protocolo");
  });

  it("canceled-with-event.xml, for its own emitter (account B), is refused as canceled", async () => {
    const o = insertOrder(world, {
      accountId: accountB,
      placedAt: new Date(Date.UTC(2021, 1, 1, 12)),
      totalCents: 58_155,
    });
    for (const mode of ["production", "sandbox"] as const) {
      setMode(mode);
      const error = await expectRefusedWithoutChange(
        world,
        o.id,
        () => byXml(sellerB(), o.id, o.version, fixture("canceled-with-event.xml")),
        "BAD_REQUEST",
        "NFE_CANCELED",
      );
      expect(error.message).toContain("cancelada");
    }
  });

  it("authorized-homologation.xml uploaded by account B is another seller's NF-e", async () => {
    setMode("sandbox");
    const o = insertOrder(world, {
      accountId: accountB,
      placedAt: HOMOLOGATION_PLACED_AT,
      customerDocument: CNPJ_B,
      totalCents: 50_000,
    });
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerB(), o.id, o.version, fixture("authorized-homologation.xml")),
      "BAD_REQUEST",
      "NFE_EMITTER_MISMATCH",
    );
    expect(error.message).toContain("58.716.523/0001-19");
  });

  it("authorized-homologation.xml in production mode is refused as homologation", async () => {
    setMode("production");
    const o = order2018();
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, fixture("authorized-homologation.xml")),
      "BAD_REQUEST",
      "NFE_HOMOLOGATION",
    );
    expect(error.message).toContain("homologação");
  });

  it("without FLUXO_NFE_MODE set, the hub runs in production mode", async () => {
    delete process.env.FLUXO_NFE_MODE;
    const o = order2018();
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, fixture("authorized-homologation.xml")),
      "BAD_REQUEST",
      "NFE_HOMOLOGATION",
    );
  });

  it("nfce-model-65.xml is refused for its model", async () => {
    setMode("sandbox");
    const o = insertOrder(world, { accountId: accountA, placedAt: new Date(Date.UTC(2017, 3, 1, 12)) });
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, fixture("nfce-model-65.xml")),
      "BAD_REQUEST",
      "ACCESS_KEY_MODEL",
    );
    expect(error.message).toContain("65");
  });

  it("bad-key-check-digit.xml is refused naming the check digit", async () => {
    setMode("sandbox");
    const o = insertOrder(world, { accountId: accountA, placedAt: new Date(Date.UTC(2019, 10, 1, 12)) });
    const error = await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, fixture("bad-key-check-digit.xml")),
      "BAD_REQUEST",
      "ACCESS_KEY_CHECK_DIGIT",
    );
    expect(error.message).toContain("dígito verificador");
  });

  it("an NF-e issued before the order was placed is refused", async () => {
    setMode("sandbox");
    const o = insertOrder(world, { accountId: accountA, placedAt: new Date(Date.UTC(2018, 9, 5, 12)) });
    await expectRefusedWithoutChange(
      world,
      o.id,
      () => byXml(sellerA(), o.id, o.version, fixture("authorized-homologation.xml")),
      "BAD_REQUEST",
      "ACCESS_KEY_ISSUE_MONTH",
    );
  });
});

describe("decodeAccessKey and previewInvoiceXml", () => {
  it("decodes a partial key and reports only the checks it can make", async () => {
    const o = insertOrder(world, { accountId: accountA, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
    const key = validKey(CNPJ_A, 2026, 11);
    const partial = key.slice(0, 22);
    const before = snapshot(world, o.id);
    const out = await sellerA().orders.decodeAccessKey({ orderId: o.id, accessKey: partial });
    expect(out.key).toBe(partial);
    expect(out.decoded).toMatchObject({
      stateCode: "43",
      state: { code: "43", uf: "RS" },
      yearMonth: "2611",
      year: 2026,
      month: 11,
      cnpj: CNPJ_A,
      model: "55",
      series: null,
      number: null,
      checkDigit: null,
    });
    const checks = Object.fromEntries(out.checks.map((c) => [c.id, c.ok]));
    expect(checks).toEqual({
      length: false,
      charset: true,
      state: true,
      month: true,
      model: true,
      cnpj: true,
      sellerCnpj: true,
      issueMonth: true,
    });
    for (const check of out.checks) expect(check.message.length).toBeGreaterThan(5);
    expect(out.checks.find((c) => c.id === "length")?.message).toContain("44");
    expect(out.ok).toBe(false);
    expect(snapshot(world, o.id)).toEqual(before);
  });

  it("decodes a full key: every check passes, then a wrong digit fails only that check, then 'already used'", async () => {
    const o = insertOrder(world, { accountId: accountA, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
    const key = validKey(CNPJ_A, 2026, 11);
    const full = await sellerA().orders.decodeAccessKey({ orderId: o.id, accessKey: key.replace(/(.{4})/g, "$1 ") });
    expect(full.key).toBe(key);
    expect(full.decoded).toMatchObject({
      series: 1,
      emissionType: "1",
      emissionTypeLabel: "Normal",
      checkDigit: key.charAt(43),
      randomCode: key.slice(35, 43),
    });
    expect(full.decoded.number).toBe(Number(key.slice(25, 34)));
    expect(full.checks.map((c) => c.id)).toEqual([
      "length",
      "charset",
      "state",
      "month",
      "model",
      "checkDigit",
      "cnpj",
      "sellerCnpj",
      "issueMonth",
    ]);
    expect(full.checks.every((c) => c.ok)).toBe(true);
    expect(full).toMatchObject({ ok: true, alreadyUsed: false, channelRefusal: null });

    const wrong = await sellerA().orders.decodeAccessKey({ orderId: o.id, accessKey: withWrongCheckDigit(key) });
    expect(wrong.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(["checkDigit"]);
    expect(wrong.ok).toBe(false);

    const foreign = await sellerA().orders.decodeAccessKey({
      orderId: o.id,
      accessKey: validKey(CNPJ_B, 2026, 11, 35),
    });
    expect(foreign.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(["sellerCnpj"]);

    await byKey(o.id, o.version, key);
    const other = insertOrder(world, { accountId: accountA, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
    const used = await sellerA().orders.decodeAccessKey({ orderId: other.id, accessKey: key });
    expect(used).toMatchObject({ alreadyUsed: true, ok: false });
  });

  it("on a Mercado Livre order the decoder says the key alone is not enough", async () => {
    const o = insertOrder(world, {
      accountId: accountA,
      channel: "mercado_livre",
      logisticsMode: "me2",
      placedAt: new Date(Date.UTC(2026, 10, 10, 15)),
    });
    const out = await sellerA().orders.decodeAccessKey({ orderId: o.id, accessKey: validKey(CNPJ_A, 2026, 11) });
    expect(out.checks.every((c) => c.ok)).toBe(true);
    expect(out.ok).toBe(false);
    expect(out.channelRefusal).toContain("XML");
  });

  it("previewInvoiceXml shows what was read, with the differences, and writes nothing", async () => {
    setMode("sandbox");
    const o = insertOrder(world, {
      accountId: accountA,
      placedAt: HOMOLOGATION_PLACED_AT,
      customerDocument: "52998224725",
      totalCents: 15_990,
    });
    const before = snapshot(world, o.id);
    const out = await sellerA().orders.previewInvoiceXml({
      orderId: o.id,
      fileName: "authorized-homologation.xml",
      xmlBase64: fixtureBase64("authorized-homologation.xml"),
    });
    if (!out.ok) throw new Error(`preview refused: ${out.error.message}`);
    expect(out.nfe).toMatchObject({
      accessKey: HOMOLOGATION_KEY,
      emitterCnpj: CNPJ_A,
      recipientDocument: CNPJ_B,
      totalCents: 50_000,
      environment: 2,
      series: 1,
      number: 26,
      protocol: { status: "100", chNFe: HOMOLOGATION_KEY },
    });
    expect(out.nfe.issuedAt?.toISOString()).toBe("2018-09-25T03:00:00.000Z");
    expect(out.alreadyUsed).toBe(false);
    expect(out.warnings.map((w) => w.code).sort()).toEqual(["RECIPIENT_MISMATCH", "TOTAL_MISMATCH"]);
    for (const w of out.warnings) expectPtBr(w.message);
    expect(snapshot(world, o.id)).toEqual(before);
  });

  it("previewInvoiceXml reports the refusal instead of throwing", async () => {
    setMode("production");
    const o = insertOrder(world, { accountId: accountA, placedAt: HOMOLOGATION_PLACED_AT });
    const out = await sellerA().orders.previewInvoiceXml({
      orderId: o.id,
      fileName: "nota.xml",
      xmlBase64: fixtureBase64("authorized-homologation.xml"),
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe("NFE_HOMOLOGATION");
    expectPtBr(out.error.message);
  });
});

describe("concurrent submissions", () => {
  it("ten simultaneous invoices on one order, each on its own connection: one wins, nine CONFLICT", async () => {
    const o = insertOrder(world, {
      accountId: accountA,
      channel: "americanas",
      placedAt: new Date(Date.UTC(2026, 10, 10, 15)),
    });
    const path = world.db.$client.name;
    const user = world.userByEmail(EMAILS.sellerA);
    const connections = Array.from({ length: 10 }, () => openDb(path));
    const keys = Array.from({ length: 10 }, () => validKey(CNPJ_A, 2026, 11));
    const countsBefore = tableCounts(world);
    const timelineBefore = timelineOf(world, o.id).length;
    let codes: (string | undefined)[] = [];
    let successes = 0;
    try {
      const results = await Promise.allSettled(
        connections.map((db, i) =>
          createCaller({ db, user, staffAccountId: null, resHeaders: new Headers() }).orders.invoice({
            orderId: o.id,
            version: o.version,
            invoice: { method: "key", accessKey: keys[i] ?? "" },
          }),
        ),
      );
      successes = results.filter((r) => r.status === "fulfilled").length;
      codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code?: string }).code] : []));
    } finally {
      for (const db of connections) db.$client.close();
    }
    // Integrity first: whatever the losers were told, exactly one invoice went in.
    expect(successes).toBe(1);
    expect(invoicesOf(world, o.id)).toHaveLength(1);
    expect(timelineOf(world, o.id)).toHaveLength(timelineBefore + 1);
    expect(outboxOf(world, o.id)).toHaveLength(1);
    const after = orderRow(world, o.id);
    expect(after).toMatchObject({ status: "INVOICED", version: o.version + 1 });
    expect(after.accessKey).toBe(invoicesOf(world, o.id)[0]?.accessKey);
    expect(tableCounts(world)).toEqual({
      ...countsBefore,
      invoices: countsBefore.invoices + 1,
      timelineEntries: countsBefore.timelineEntries + 1,
      outbox: countsBefore.outbox + 1,
    });
    // Each loser submitted a form of a version that is no longer current: a stale form is a CONFLICT.
    expect(codes).toEqual(Array(9).fill("CONFLICT"));
  });

  it("one key submitted at once for two orders: one wins, the other gets CONFLICT", async () => {
    const a = insertOrder(world, { accountId: accountA, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
    const b = insertOrder(world, { accountId: accountA, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
    const key = validKey(CNPJ_A, 2026, 11);
    const path = world.db.$client.name;
    const user = world.userByEmail(EMAILS.sellerA);
    const [c1, c2] = [openDb(path), openDb(path)];
    try {
      const results = await Promise.allSettled(
        [
          [c1, a],
          [c2, b],
        ].map(([db, o]) =>
          createCaller({ db: db as typeof c1, user, staffAccountId: null, resHeaders: new Headers() }).orders.invoice({
            orderId: (o as typeof a).id,
            version: (o as typeof a).version,
            invoice: { method: "key", accessKey: key },
          }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    } finally {
      c1.$client.close();
      c2.$client.close();
    }
    expect(world.db.select().from(invoices).where(eq(invoices.accessKey, key)).all()).toHaveLength(1);
  });
});

describe("fixture acceptance and XML invoices", () => {
  let fresh: TestWorld | null = null;
  afterEach(() => {
    fresh?.close();
    fresh = null;
  });

  // A key invoices one order only, so each use of the pristine fixture gets its own world.
  async function freshWorld() {
    fresh = await createTestWorld(1);
    return { w: fresh, a: fresh.accounts[0]?.id ?? 0 };
  }

  it("authorized-homologation.xml in sandbox mode, matching order: accepted without warnings, stored byte for byte", async () => {
    setMode("sandbox");
    const { w, a } = await freshWorld();
    const o = insertOrder(w, {
      accountId: a,
      channel: "americanas",
      logisticsMode: "correios",
      placedAt: HOMOLOGATION_PLACED_AT,
      customerDocument: CNPJ_B,
      totalCents: 50_000,
    });
    const file = fixture("authorized-homologation.xml");
    const out = await w.callerFor(EMAILS.sellerA).orders.invoice({
      orderId: o.id,
      version: o.version,
      invoice: { method: "xml", fileName: "authorized-homologation.xml", xmlBase64: file.toString("base64") },
    });
    expect(out).toMatchObject({ status: "INVOICED", version: o.version + 1, warnings: [], heldNotice: null });
    const [row] = invoicesOf(w, o.id);
    expect(row).toMatchObject({
      accessKey: HOMOLOGATION_KEY,
      source: "xml",
      xmlFileName: "authorized-homologation.xml",
      series: "001",
      number: "000000026",
      totalCents: 50_000,
    });
    expect(row?.issuedAt?.toISOString()).toBe("2018-09-25T03:00:00.000Z");
    expect(Buffer.isBuffer(row?.xml)).toBe(true);
    expect(row?.xml?.equals(file)).toBe(true);
    expect(row?.xmlSha256).toBe(createHash("sha256").update(file).digest("hex"));
    expect(orderRow(w, o.id).accessKey).toBe(HOMOLOGATION_KEY);
    expect(outboxOf(w, o.id)).toMatchObject([{ kind: "invoice", state: "pending", payload: { hasXml: true } }]);
    expect(timelineOf(w, o.id).at(-1)?.summary).toContain("authorized-homologation.xml");
  });

  it("with a different customer document and total: accepted, with warnings naming both differences", async () => {
    setMode("sandbox");
    const { w, a } = await freshWorld();
    const o = insertOrder(w, {
      accountId: a,
      placedAt: new Date(Date.UTC(2018, 8, 10, 12)),
      customerDocument: "52998224725",
      totalCents: 15_990,
    });
    const out = await w.callerFor(EMAILS.sellerA).orders.invoice({
      orderId: o.id,
      version: o.version,
      invoice: { method: "xml", fileName: "nota.xml", xmlBase64: fixtureBase64("authorized-homologation.xml") },
    });
    expect(out.status).toBe("INVOICED");
    const byCode = Object.fromEntries(out.warnings.map((w) => [w.code, w.message]));
    expect(Object.keys(byCode).sort()).toEqual(["RECIPIENT_MISMATCH", "TOTAL_MISMATCH"]);
    expect(byCode.RECIPIENT_MISMATCH).toContain("58.716.523/0001-19");
    expect(byCode.RECIPIENT_MISMATCH).toContain("529.982.247-25");
    expect(byCode.TOTAL_MISMATCH).toContain("500,00");
    expect(byCode.TOTAL_MISMATCH).toContain("159,90");
    for (const message of Object.values(byCode)) expectPtBr(message);
    // The warnings are kept in the timeline too.
    expect(timelineOf(w, o.id).at(-1)?.data).toMatchObject({ warnings: Object.values(byCode) });
  });

  it("on a Mercado Livre (ME2) order: accepted via XML and sent at once, since the XML is what releases the label", async () => {
    setMode("sandbox");
    const { w, a } = await freshWorld();
    const o = insertOrder(w, {
      accountId: a,
      channel: "mercado_livre",
      logisticsMode: "me2",
      placedAt: HOMOLOGATION_PLACED_AT,
      customerDocument: CNPJ_B,
      totalCents: 50_000,
    });
    const file = fixture("authorized-homologation.xml");
    const out = await w.callerFor(EMAILS.sellerA).orders.invoice({
      orderId: o.id,
      version: o.version,
      invoice: { method: "xml", fileName: "nfe.xml", xmlBase64: file.toString("base64") },
    });
    expect(out.status).toBe("INVOICED");
    expect(out.warnings).toEqual([]);
    // Mercado Livre's own API wants the XML first (no label without it): nothing waits for the shipment.
    expect(out.heldNotice).toBeNull();
    expect(outboxOf(w, o.id)).toMatchObject([{ kind: "invoice", state: "pending" }]);
    expect(invoicesOf(w, o.id)[0]?.xml?.equals(file)).toBe(true);
  });

  it("Mercado Envios Coleta sends the XML invoice at once", async () => {
    setMode("sandbox");
    const o = insertOrder(world, {
      accountId: accountA,
      channel: "mercado_livre",
      logisticsMode: "mercado_envios_coleta",
      placedAt: HOMOLOGATION_PLACED_AT,
      customerDocument: CNPJ_B,
      totalCents: 50_000,
    });
    const key = validKey(CNPJ_A, 2018, 9);
    const out = await byXml(sellerA(), o.id, o.version, homologationXmlWithKey(key));
    expect(out).toMatchObject({ status: "INVOICED", heldNotice: null, warnings: [] });
    expect(outboxOf(world, o.id)).toMatchObject([{ kind: "invoice", state: "pending", payload: { accessKey: key } }]);
  });

  it("the held notice uses the right article for the channel (à Zoom)", async () => {
    const notices: Record<string, string | null> = {};
    for (const channel of ["zoom"] as const) {
      const o = insertOrder(world, { accountId: accountA, channel, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
      notices[channel] = (await byKey(o.id, o.version, validKey(CNPJ_A, 2026, 11))).heldNotice;
    }
    expect(notices).toEqual({
      zoom: "A chave será enviada à Zoom junto com os dados de envio.",
    });
  });
});

describe("alphanumeric CNPJ (since July 2026)", () => {
  it("a seller with an alphanumeric CNPJ invoices with a key carrying letters; lower case is refused", async () => {
    const w = await createTestWorld(1);
    try {
      const base = "12ABC34501DE";
      const cnpj = `${base}${cnpjCheckDigits(base)}`;
      const a = w.accounts[0]?.id ?? 0;
      w.db.update(sellerAccounts).set({ cnpj }).where(eq(sellerAccounts.id, a)).run();
      const o1 = insertOrder(w, { accountId: a, placedAt: new Date(Date.UTC(2026, 10, 10, 15)) });
      const key = validKey(cnpj, 2026, 11, 35);
      expect(key.slice(6, 18)).toBe(base);
      const caller = w.callerFor(EMAILS.sellerA);
      const lower = `${key.slice(0, 6)}${key.slice(6, 20).toLowerCase()}${key.slice(20)}`;
      await expectRefusedWithoutChange(
        w,
        o1.id,
        () =>
          caller.orders.invoice({ orderId: o1.id, version: o1.version, invoice: { method: "key", accessKey: lower } }),
        "BAD_REQUEST",
        "ACCESS_KEY_CHARSET",
      );
      const out = await caller.orders.invoice({
        orderId: o1.id,
        version: o1.version,
        invoice: { method: "key", accessKey: key },
      });
      expect(out.status).toBe("INVOICED");
      expect(invoicesOf(w, o1.id)[0]?.accessKey).toBe(key);
    } finally {
      w.close();
    }
  });
});
