// An NF-e upload left before confirming is reopened from "Envios anteriores" exactly as the seller left it (choices,
// drops, confirmed differences); one confirmed with nothing left to decide opens read-only and takes no more changes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stopUploadReaders } from "@/server/domain/invoice-import/upload-reader";
import { buildNfe } from "../fixtures/nfe-builder";
import { expectPtBr, expectRefusal, fixture, insertOrder, orderRow, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

const CNPJ_A = "06929383000163";
const BUYER_CPF = "52998224725";
const ISSUED_MONTH = new Date(Date.UTC(2018, 8, 20, 15));

// Notes are read in worker threads: on a loaded 2-core machine starting them takes seconds, which is not what is tested.
vi.setConfig({ testTimeout: 30_000 });

let world: TestWorld;
let accountA: number;

beforeAll(async () => {
  process.env.FLUXO_NFE_MODE = "sandbox";
  world = await createTestWorld(3);
  accountA = world.accounts[0]?.id ?? 0;
});
afterAll(async () => {
  await stopUploadReaders();
  world.close();
});

const sellerA = () => world.callerFor(EMAILS.sellerA);
const key = () => validKey(CNPJ_A, 2018, 9);
const orderFor = (customerDocument = BUYER_CPF) =>
  insertOrder(world, {
    accountId: accountA,
    channel: "americanas",
    placedAt: ISSUED_MONTH,
    totalCents: 50_000,
    customerDocument,
  });
const file = (name: string, bytes: Uint8Array) => ({ fileName: name, base64: Buffer.from(bytes).toString("base64") });
const citing = (code: string) => buildNfe({ key: key(), purchaseOrder: code, recipient: { cpf: BUYER_CPF } });

async function upload(files: ReturnType<typeof file>[]) {
  const { importId } = await sellerA().invoiceImports.start();
  return { importId, view: await sellerA().invoiceImports.addFiles({ importId, files }) };
}

async function listed(importId: number) {
  return (await sellerA().invoiceImports.recent()).find((i) => i.id === importId);
}

describe("an upload left before confirming", () => {
  it("is listed as not confirmed and reopens with the seller's choices, drops and confirmed differences", async () => {
    const [fits, first, second, dropped, differs] = [orderFor(), orderFor(), orderFor(), orderFor(), orderFor()];
    const { importId } = await upload([
      file("certa.xml", citing(fits.marketplaceCode)),
      file(
        "dupla.xml",
        buildNfe({
          key: key(),
          recipient: { cpf: BUYER_CPF },
          additionalInfo: `Pedidos ${first.marketplaceCode} e ${second.marketplaceCode}`,
        }),
      ),
      file("descartada.xml", citing(dropped.marketplaceCode)),
      file(
        "diferente.xml",
        buildNfe({ key: key(), purchaseOrder: differs.marketplaceCode, recipient: { cpf: "86288366757" } }),
      ),
      file("cancelada.xml", fixture("canceled-with-event.xml")),
    ]);
    const rows = (await sellerA().invoiceImports.get({ importId })).rows;
    const rowId = (i: number) => rows[i]?.id ?? 0;
    await sellerA().invoiceImports.chooseOrder({ importId, rowId: rowId(1), choice: { orderId: second.id } });
    await sellerA().invoiceImports.setDropped({ importId, rowId: rowId(2), dropped: true });
    const left = await sellerA().invoiceImports.confirmDifference({ importId, rowId: rowId(3), orderId: differs.id });

    expect(await listed(importId)).toMatchObject({
      notes: 5,
      invoiced: 0,
      waiting: 3,
      confirmedAt: null,
      closed: false,
      progress: "Não confirmado: nenhum pedido foi faturado por ele ainda.",
    });
    const reopened = await sellerA().invoiceImports.get({ importId });
    expect(reopened).toEqual(left);
    expect(reopened.rows.map((r) => [r.verdict, r.matchedBy, r.order?.id ?? null, r.dropped, r.ready])).toEqual([
      ["matched", "reference", fits.id, false, true],
      ["matched", "seller", second.id, false, true],
      ["matched", "reference", dropped.id, true, false],
      ["matched", "reference", differs.id, false, true],
      ["invalid", null, null, false, false],
    ]);
    expect(reopened.rows[3]?.difference?.confirmed).toBe(true);
    // Reopening changed nothing.
    expect([fits, first, second, dropped, differs].map((o) => orderRow(world, o.id).status)).toEqual(
      Array(5).fill("APPROVED"),
    );
  });
});

describe("an upload confirmed", () => {
  it("stays open while a kept note can still invoice an order, and says how many wait", async () => {
    const [a, b] = [orderFor(), orderFor()];
    const { importId, view } = await upload([
      file("a.xml", citing(a.marketplaceCode)),
      file("sem-pedido.xml", buildNfe({ key: key(), recipient: { cpf: "11144477735" }, totalCents: 1 })),
    ]);
    await sellerA().invoiceImports.confirm({ importId, rowIds: view.rows.map((r) => r.id) });
    const partly = await sellerA().invoiceImports.get({ importId });
    expect(partly).toMatchObject({ invoiced: 1, waiting: 1, closed: false, progress: "1 nota espera a sua decisão." });
    expect(partly.confirmedAt).toBeInstanceOf(Date);
    expect(await listed(importId)).toMatchObject({ invoiced: 1, waiting: 1, closed: false });

    // The note without an order is pointed at one and invoiced later: the upload is then done.
    const rowId = view.rows[1]?.id ?? 0;
    await sellerA().invoiceImports.chooseOrder({ importId, rowId, choice: { orderCode: b.marketplaceCode } });
    await sellerA().invoiceImports.confirmDifference({ importId, rowId, orderId: b.id });
    expect((await sellerA().invoiceImports.confirm({ importId, rowIds: [rowId] }))[0]?.ok).toBe(true);
    const done = await sellerA().invoiceImports.get({ importId });
    expect(done).toMatchObject({ invoiced: 2, waiting: 0, closed: true, confirmedAt: partly.confirmedAt });
    expect(done.progress).toMatch(/^Confirmado em \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}\.$/);
    expect(await listed(importId)).toMatchObject({ notes: 2, invoiced: 2, waiting: 0, closed: true });
  });

  it("opens read-only once nothing is left to decide: no more files, drops or choices", async () => {
    const [a, b, other] = [orderFor(), orderFor(), orderFor()];
    const { importId, view } = await upload([
      file("a.xml", citing(a.marketplaceCode)),
      file("b.xml", citing(b.marketplaceCode)),
    ]);
    const [applied, dropped] = view.rows.map((r) => r.id) as [number, number];
    await sellerA().invoiceImports.setDropped({ importId, rowId: dropped, dropped: true });
    await sellerA().invoiceImports.confirm({ importId, rowIds: [applied] });
    const results = await sellerA().invoiceImports.get({ importId });
    expect(results).toMatchObject({ closed: true, invoiced: 1, waiting: 0 });
    expect(results.rows.map((r) => r.ready)).toEqual([false, false]);

    const refusals = [
      sellerA().invoiceImports.addFiles({ importId, files: [file("c.xml", citing(other.marketplaceCode))] }),
      sellerA().invoiceImports.setDropped({ importId, rowId: dropped, dropped: false }),
      sellerA().invoiceImports.chooseOrder({ importId, rowId: dropped, choice: { orderId: other.id } }),
    ];
    for (const refusal of refusals) {
      const error = await expectRefusal(refusal, "CONFLICT");
      expect(error.message).toBe(
        "Este envio já foi confirmado e não muda mais; para faturar outras notas, comece um novo envio.",
      );
      expectPtBr(error.message);
    }
    expect(await sellerA().invoiceImports.confirm({ importId, rowIds: [dropped] })).toEqual([]);
    expect(await sellerA().invoiceImports.get({ importId })).toEqual(results);
    expect([b, other].map((o) => orderRow(world, o.id).status)).toEqual(["APPROVED", "APPROVED"]);
  });
});

describe("who sees the uploads", () => {
  it("shows them to the account's seller only; another account's upload does not exist", async () => {
    const order = orderFor();
    const { importId } = await upload([file("n.xml", citing(order.marketplaceCode))]);
    for (const email of [EMAILS.managerA, EMAILS.support, EMAILS.admin]) {
      const caller = world.callerFor(email, accountA);
      await expectRefusal(caller.invoiceImports.recent(), "FORBIDDEN");
      await expectRefusal(caller.invoiceImports.get({ importId }), "FORBIDDEN");
    }
    await expectRefusal(world.callerFor(null).invoiceImports.recent(), "UNAUTHORIZED");
    const sellerB = world.callerFor(EMAILS.sellerB);
    expect((await sellerB.invoiceImports.recent()).map((i) => i.id)).not.toContain(importId);
    await expectRefusal(sellerB.invoiceImports.get({ importId }), "NOT_FOUND");
    expect(await listed(importId)).toMatchObject({ notes: 1, closed: false });
  });
});
