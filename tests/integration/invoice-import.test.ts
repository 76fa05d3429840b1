// Many NF-e XMLs at once: each read exactly as a single upload, matched to its order (reference in the note, else
// recipient + total + date), previewed as matched / ambiguous / no match / invalid, then applied row by row through
// the single invoice's domain function. Real fixtures and generated notes; zips; a second upload of the same file.
import { TRPCError } from "@trpc/server";
import { zipSync } from "fflate";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { releaseStaleImportFiles } from "@/db/queries/invoice-imports";
import { RESULTS_CSV_HEADERS, resultsCsvRecord } from "@/server/domain/invoice-import/results-csv";
import { stopUploadReaders } from "@/server/domain/invoice-import/upload-reader";
import { describeImport } from "@/server/domain/invoice-import/view";
import { buildNfe } from "../fixtures/nfe-builder";
import {
  expectPtBr,
  expectRefusal,
  fixture,
  insertOrder,
  invoicesOf,
  orderRow,
  outboxOf,
  tableCounts,
  timelineOf,
  validKey,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

const CNPJ_A = "06929383000163";
const CNPJ_B = "58716523000119";
const ISSUED_MONTH = new Date(Date.UTC(2018, 8, 20, 15)); // the fixture's note is dated 2018-09-25
const BUYER_CPF = "52998224725";

let world: TestWorld;
let accountA: number;
let accountB: number;
const originalMode = process.env.FLUXO_NFE_MODE;

beforeAll(async () => {
  world = await createTestWorld(3);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
});
beforeEach(() => {
  process.env.FLUXO_NFE_MODE = "sandbox";
});
afterEach(() => {
  if (originalMode === undefined) delete process.env.FLUXO_NFE_MODE;
  else process.env.FLUXO_NFE_MODE = originalMode;
});
afterAll(async () => {
  // Uploads are read in worker threads; none may outlive the file.
  await stopUploadReaders();
  world.close();
});

const sellerA = () => world.callerFor(EMAILS.sellerA);

type Caller = ReturnType<TestWorld["callerFor"]>;

function file(name: string, bytes: Uint8Array) {
  return { fileName: name, base64: Buffer.from(bytes).toString("base64") };
}

async function upload(files: { fileName: string; base64: string }[], caller: Caller = sellerA()) {
  const { importId } = await caller.invoiceImports.start();
  const view = await caller.invoiceImports.addFiles({ importId, files });
  return { importId, view };
}

function orderFor(options: { totalCents?: number; customerDocument?: string; placedAt?: Date } = {}) {
  return insertOrder(world, {
    accountId: accountA,
    channel: "americanas",
    placedAt: options.placedAt ?? ISSUED_MONTH,
    totalCents: options.totalCents ?? 50_000,
    customerDocument: options.customerDocument ?? BUYER_CPF,
  });
}

const key = () => validKey(CNPJ_A, 2018, 9);

describe("matching", () => {
  it("matches by the order number in xPed, and keeps the single upload's warnings", async () => {
    const order = orderFor({ totalCents: 12_345 });
    const xml = buildNfe({ key: key(), purchaseOrder: order.marketplaceCode, recipient: { cpf: BUYER_CPF } });
    const { view } = await upload([file("nota-1.xml", xml)]);
    const [row] = view.rows;
    expect(row).toMatchObject({ verdict: "matched", matchedBy: "reference", order: { id: order.id } });
    // The note's total (R$ 500,00) is not the order's: the same warning the single form shows.
    expect(row?.warnings.join(" ")).toContain("valor total da NF-e");
    expect(orderRow(world, order.id).status).toBe("APPROVED");
  });

  it("matches by an order number written in the additional-information text", async () => {
    const order = orderFor();
    const xml = buildNfe({
      key: key(),
      recipient: { cpf: BUYER_CPF },
      additionalInfo: `Pedido Americanas ${order.marketplaceCode}. Trib aprox R$ 12,34 Fonte IBPT`,
    });
    const { view } = await upload([file("nota.xml", xml)]);
    expect(view.rows[0]).toMatchObject({ verdict: "matched", matchedBy: "reference", order: { id: order.id } });
    expect(view.rows[0]?.warnings).toEqual([]);
  });

  it("falls back to the recipient's document with the total and a date before the issue", async () => {
    const doc = "11144477735";
    const order = orderFor({ customerDocument: doc, totalCents: 50_000 });
    // Same buyer and total but placed after the note was issued: not a candidate.
    orderFor({ customerDocument: doc, totalCents: 50_000, placedAt: new Date(Date.UTC(2018, 9, 20)) });
    const { view } = await upload([file("sem-pedido.xml", buildNfe({ key: key(), recipient: { cpf: doc } }))]);
    expect(view.rows[0]).toMatchObject({ verdict: "matched", matchedBy: "recipient", order: { id: order.id } });
  });

  it("is ambiguous when two orders fit; the seller's pick is checked like a match", async () => {
    const doc = "39053344705";
    const first = orderFor({ customerDocument: doc });
    const second = orderFor({ customerDocument: doc });
    const { importId, view } = await upload([file("dupla.xml", buildNfe({ key: key(), recipient: { cpf: doc } }))]);
    const row = view.rows[0];
    expect(row?.verdict).toBe("ambiguous");
    expect(row?.candidates.map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
    expectPtBr(row?.reason ?? "");
    const chosen = await sellerA().invoiceImports.chooseOrder({
      importId,
      rowId: row?.id ?? 0,
      choice: { orderId: second.id },
    });
    expect(chosen.rows[0]).toMatchObject({ verdict: "matched", matchedBy: "seller", order: { id: second.id } });
    expect(chosen.rows[0]?.candidates).toHaveLength(2);
  });

  it("is ambiguous when the note cites two orders, and names both", async () => {
    const [a, b] = [orderFor(), orderFor()];
    const xml = buildNfe({ key: key(), additionalInfo: `Pedidos ${a.marketplaceCode} e ${b.marketplaceCode}` });
    const { view } = await upload([file("duas.xml", xml)]);
    expect(view.rows[0]?.verdict).toBe("ambiguous");
    expect(view.rows[0]?.reason).toContain(`${a.marketplaceCode}, ${b.marketplaceCode}`);
    expect(view.rows[0]?.candidates.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("says no match when nothing fits, and takes the order number from the seller", async () => {
    const order = orderFor({ customerDocument: "86288366757", totalCents: 9_990 });
    const { importId, view } = await upload([
      file("orfa.xml", buildNfe({ key: key(), recipient: { cpf: "71428793860" } })),
    ]);
    const row = view.rows[0];
    expect(row).toMatchObject({ verdict: "no_match", canChoose: true, order: null });
    const chosen = await sellerA().invoiceImports.chooseOrder({
      importId,
      rowId: row?.id ?? 0,
      choice: { orderCode: order.marketplaceCode },
    });
    expect(chosen.rows[0]).toMatchObject({ verdict: "matched", order: { id: order.id } });
    // Different buyer and total: matched on the seller's word, with both differences spelled out.
    expect(chosen.rows[0]?.warnings).toHaveLength(2);
  });

  it("turns a pick the flow refuses into an invalid row that says why", async () => {
    const shipped = insertOrder(world, { accountId: accountA, status: "SHIPPED", placedAt: ISSUED_MONTH });
    const { importId, view } = await upload([file("x.xml", buildNfe({ key: key(), recipient: { cpf: BUYER_CPF } }))]);
    const chosen = await sellerA().invoiceImports.chooseOrder({
      importId,
      rowId: view.rows[0]?.id ?? 0,
      choice: { orderId: shipped.id },
    });
    expect(chosen.rows[0]?.verdict).toBe("invalid");
    expect(chosen.rows[0]?.reason).toContain(shipped.marketplaceCode);
    expect(chosen.rows[0]?.canChoose).toBe(true);
  });

  it("refuses another account's order as not found", async () => {
    const foreign = insertOrder(world, { accountId: accountB, placedAt: ISSUED_MONTH });
    const { importId, view } = await upload([file("x.xml", buildNfe({ key: key() }))]);
    await expectRefusal(
      sellerA().invoiceImports.chooseOrder({ importId, rowId: view.rows[0]?.id ?? 0, choice: { orderId: foreign.id } }),
      "NOT_FOUND",
    );
  });
});

describe("invalid files", () => {
  it("gives each fixture the single upload's verdict", async () => {
    const names = [
      "nfce-model-65.xml",
      "bad-key-check-digit.xml",
      "schema-template-garbage.xml",
      "signed-no-protocol.xml",
    ];
    const { view } = await upload(names.map((n) => file(n, fixture(n))));
    // The canceled note was issued by account B's CNPJ: only there is its cancellation the first problem.
    const canceled = await upload([file("c.xml", fixture("canceled-with-event.xml"))], world.callerFor(EMAILS.sellerB));
    const rows = [...view.rows, ...canceled.view.rows];
    expect(rows.map((r) => r.verdict)).toEqual([...names, "c"].map(() => "invalid"));
    const reasons = rows.map((r) => r.reason);
    expect(reasons[0]).toMatch(/modelo 55/);
    expect(reasons[1]).toMatch(/dígito verificador/);
    expect(reasons[2]).toMatch(/"string"/);
    expect(reasons[3]).toMatch(/protocolo/i);
    expect(reasons[4]).toMatch(/cancelada/i);
    for (const reason of reasons) expectPtBr(reason);
    expect(rows.every((r) => !r.canChoose)).toBe(true);
  });

  it("refuses a homologation note in production mode, as the single upload does", async () => {
    process.env.FLUXO_NFE_MODE = "production";
    const { view } = await upload([file("homolog.xml", fixture("authorized-homologation.xml"))]);
    expect(view.rows[0]).toMatchObject({ verdict: "invalid" });
    expect(view.rows[0]?.reason).toMatch(/homologação/);
  });

  it("opens a zip, says which entry is not XML and skips system clutter", async () => {
    const a = orderFor();
    const b = orderFor();
    const zip = zipSync({
      "notas/nota-a.xml": buildNfe({ key: key(), purchaseOrder: a.marketplaceCode, recipient: { cpf: BUYER_CPF } }),
      "notas/nota-b.XML": buildNfe({ key: key(), purchaseOrder: b.marketplaceCode, recipient: { cpf: BUYER_CPF } }),
      "notas/danfe.pdf": new TextEncoder().encode("%PDF-1.4"),
      "__MACOSX/notas/._nota-a.xml": new Uint8Array([0, 5, 22, 7]),
    });
    const { view } = await upload([file("notas-do-dia.zip", zip)]);
    expect(view.rows.map((r) => [r.fileName, r.verdict])).toEqual([
      ["notas-do-dia.zip › notas/nota-a.xml", "matched"],
      ["notas-do-dia.zip › notas/nota-b.XML", "matched"],
      ["notas-do-dia.zip › notas/danfe.pdf", "invalid"],
    ]);
    expect(view.rows[2]?.reason).toMatch(/não é um XML/);
  });

  it("says so when a zip is broken", async () => {
    const zip = zipSync({ "a.xml": buildNfe({ key: key() }) });
    const { view } = await upload([file("quebrado.zip", zip.subarray(0, zip.length - 30))]);
    expect(view.rows).toHaveLength(1);
    expect(view.rows[0]).toMatchObject({ verdict: "invalid", fileName: "quebrado.zip" });
    expect(view.rows[0]?.reason).toMatch(/corrompido/);
  });

  it("flags the same note twice in one upload, even across batches of files", async () => {
    const order = orderFor();
    const xml = buildNfe({ key: key(), purchaseOrder: order.marketplaceCode, recipient: { cpf: BUYER_CPF } });
    const { importId, view } = await upload([file("nota.xml", xml), file("nota (1).xml", xml)]);
    expect(view.rows.map((r) => r.verdict)).toEqual(["matched", "invalid"]);
    expect(view.rows[1]?.reason).toMatch(/Nota repetida.*nota\.xml/);
    const again = await sellerA().invoiceImports.addFiles({ importId, files: [file("nota-copia.xml", xml)] });
    expect(again.rows[2]?.verdict).toBe("invalid");
  });
});

describe("confirming", () => {
  it("applies only kept matches, each through the single invoice, and keeps every row's result", async () => {
    const [o1, o2, o3, o4] = [orderFor(), orderFor(), orderFor(), orderFor()];
    const xmls = [o1, o2, o3, o4].map((o) =>
      buildNfe({ key: key(), purchaseOrder: o?.marketplaceCode, recipient: { cpf: BUYER_CPF } }),
    );
    const orphan = buildNfe({ key: key(), recipient: { cpf: "86288366757" }, totalCents: 1 });
    const files = [
      ...xmls.map((x, i) => file(`n${i + 1}.xml`, x)),
      file("orfa.xml", orphan),
      file("cancelada.xml", fixture("canceled-with-event.xml")),
    ];
    const { importId, view } = await upload(files);
    expect(view.rows.map((r) => r.verdict)).toEqual([
      "matched",
      "matched",
      "matched",
      "matched",
      "no_match",
      "invalid",
    ]);
    const dropped = view.rows[3]?.id ?? 0;
    await sellerA().invoiceImports.setDropped({ importId, rowId: dropped, dropped: true });
    const before = tableCounts(world);

    const results = await sellerA().invoiceImports.confirm({ importId, rowIds: view.rows.map((r) => r.id) });
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const after = tableCounts(world);
    expect(after.invoices - before.invoices).toBe(3);

    for (const [i, order] of [o1, o2, o3].entries()) {
      const id = order?.id ?? 0;
      expect(orderRow(world, id).status).toBe("INVOICED");
      const [invoice] = invoicesOf(world, id);
      // The invoice keeps the file's own name and its bytes, as a single upload would.
      expect(invoice?.xmlFileName).toBe(`n${i + 1}.xml`);
      expect(Buffer.compare(invoice?.xml ?? Buffer.alloc(0), xmls[i] ?? Buffer.alloc(1))).toBe(0);
      expect(timelineOf(world, id).some((e) => e.kind === "order.invoiced")).toBe(true);
      expect(outboxOf(world, id).some((o) => o.kind === "invoice")).toBe(true);
    }
    expect(orderRow(world, o4?.id ?? 0).status).toBe("APPROVED");

    const final = describeImport({ db: world.db, accountId: accountA }, importId);
    const records = final.rows.map(resultsCsvRecord);
    expect(records.every((r) => r.length === RESULTS_CSV_HEADERS.length)).toBe(true);
    expect(records.map((r) => r.at(-1))).toEqual([
      "Pedido faturado.",
      "Pedido faturado.",
      "Pedido faturado.",
      "Descartada por você",
      "Não aplicada",
      "Não aplicada",
    ]);

    // Applying again changes nothing: applied rows are final.
    expect(await sellerA().invoiceImports.confirm({ importId, rowIds: view.rows.map((r) => r.id) })).toEqual([]);
    await expectRefusal(
      sellerA().invoiceImports.setDropped({ importId, rowId: view.rows[0]?.id ?? 0, dropped: true }),
      "CONFLICT",
    );
  });

  it("says a second upload of the same file already invoiced its order", async () => {
    const order = orderFor();
    const xml = buildNfe({ key: key(), purchaseOrder: order.marketplaceCode, recipient: { cpf: BUYER_CPF } });
    const first = await upload([file("nota.xml", xml)]);
    await sellerA().invoiceImports.confirm({ importId: first.importId, rowIds: first.view.rows.map((r) => r.id) });
    const second = await upload([file("nota.xml", xml)]);
    expect(second.view.rows[0]).toMatchObject({ verdict: "invalid", canChoose: false, order: { id: order.id } });
    expect(second.view.rows[0]?.reason).toBe(`Esta nota já faturou o pedido ${order.marketplaceCode}.`);
  });

  it("holds two notes pointing at one order until the seller drops one", async () => {
    const order = orderFor();
    const notes = [key(), key()].map((k) =>
      buildNfe({ key: k, purchaseOrder: order.marketplaceCode, recipient: { cpf: BUYER_CPF } }),
    );
    const { importId, view } = await upload(notes.map((x, i) => file(`n${i}.xml`, x)));
    expect(view.rows.every((r) => r.conflict !== null)).toBe(true);
    const ids = view.rows.map((r) => r.id);
    const refused = await sellerA().invoiceImports.confirm({ importId, rowIds: ids });
    expect(refused.map((r) => r.ok)).toEqual([false, false]);
    expect(orderRow(world, order.id).status).toBe("APPROVED");
    await sellerA().invoiceImports.setDropped({ importId, rowId: ids[1] ?? 0, dropped: true });
    expect((await sellerA().invoiceImports.confirm({ importId, rowIds: ids })).map((r) => r.ok)).toEqual([true]);
    expect(orderRow(world, order.id).status).toBe("INVOICED");
  });

  it("reports a row whose order changed since the preview, and applies the rest", async () => {
    const [a, b] = [orderFor(), orderFor()];
    const files = [a, b].map((o, i) =>
      file(`n${i}.xml`, buildNfe({ key: key(), purchaseOrder: o.marketplaceCode, recipient: { cpf: BUYER_CPF } })),
    );
    const { importId, view } = await upload(files);
    await sellerA()
      .orders.cancel({ orderId: a.id, version: a.version, reason: "Cliente desistiu" })
      .catch(() => {
        throw new Error("could not cancel the order for the test");
      });
    const results = await sellerA().invoiceImports.confirm({ importId, rowIds: view.rows.map((r) => r.id) });
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expectPtBr(results[0]?.message ?? "");
    // A refused row is not retried blindly: it waits until the seller points the note elsewhere.
    const after = await sellerA().invoiceImports.get({ importId });
    expect(after.rows.map((r) => r.ready)).toEqual([false, false]);
    const other = orderFor();
    const rechosen = await sellerA().invoiceImports.chooseOrder({
      importId,
      rowId: after.rows[0]?.id ?? 0,
      choice: { orderCode: other.marketplaceCode },
    });
    expect(rechosen.rows[0]).toMatchObject({ ready: true, result: null });
    expect((await sellerA().invoiceImports.confirm({ importId, rowIds: [after.rows[0]?.id ?? 0] }))[0]?.ok).toBe(true);
    expect(orderRow(world, other.id).status).toBe("INVOICED");
  });
});

describe("a note that differs from its order", () => {
  it("waits for the seller's word on that row alone, then applies it", async () => {
    const good = orderFor();
    const off = orderFor({ totalCents: 13_870 });
    const { importId, view } = await upload([
      file("boa.xml", buildNfe({ key: key(), purchaseOrder: good.marketplaceCode, recipient: { cpf: BUYER_CPF } })),
      file(
        "diferente.xml",
        buildNfe({ key: key(), purchaseOrder: off.marketplaceCode, recipient: { cpf: BUYER_CPF }, totalCents: 1_234 }),
      ),
    ]);
    const [goodRow, offRow] = view.rows;
    const rowId = offRow?.id ?? 0;
    expect(goodRow).toMatchObject({ ready: true, difference: null });
    // Matched, but not ready: both values side by side, nothing confirmed yet.
    expect(offRow).toMatchObject({
      verdict: "matched",
      ready: false,
      difference: { confirmed: false, items: [{ field: "total", order: "R$ 138,70", note: "R$ 12,34" }] },
    });

    // "Confirm all" leaves it out.
    const all = await sellerA().invoiceImports.confirm({ importId, rowIds: view.rows.map((r) => r.id) });
    expect(all.map((r) => [r.rowId, r.ok])).toEqual([[goodRow?.id, true]]);
    expect(orderRow(world, off.id).status).toBe("APPROVED");

    // Only the account's seller may give that word; another account's row does not exist for them.
    await expectRefusal(
      world.callerFor(EMAILS.sellerB).invoiceImports.confirmDifference({ importId, rowId, orderId: off.id }),
      "NOT_FOUND",
    );
    for (const email of [EMAILS.managerA, EMAILS.support, EMAILS.admin]) {
      await expectRefusal(
        world.callerFor(email, accountA).invoiceImports.confirmDifference({ importId, rowId, orderId: off.id }),
        "FORBIDDEN",
      );
    }
    // A view that showed another order confirms nothing.
    await expectRefusal(sellerA().invoiceImports.confirmDifference({ importId, rowId, orderId: good.id }), "CONFLICT");
    expect((await sellerA().invoiceImports.get({ importId })).rows[1]).toMatchObject({ ready: false });

    const confirmed = await sellerA().invoiceImports.confirmDifference({ importId, rowId, orderId: off.id });
    expect(confirmed.rows[1]).toMatchObject({ ready: true, difference: { confirmed: true } });
    const applied = await sellerA().invoiceImports.confirm({ importId, rowIds: [rowId] });
    expect(applied).toHaveLength(1);
    expect(applied[0]?.ok).toBe(true);
    expect(applied[0]?.message).toMatch(/Diferença .*confirmada por você/);
    expect(orderRow(world, off.id).status).toBe("INVOICED");
    const invoiced = timelineOf(world, off.id).find((e) => e.kind === "order.invoiced");
    expect(JSON.stringify(invoiced?.data)).toContain("R$ 12,34");
  });

  it("asks again once the note points at another order, and counts a different recipient too", async () => {
    const first = orderFor({ totalCents: 9_990 });
    const second = orderFor({ customerDocument: "86288366757" });
    const { importId, view } = await upload([
      file("n.xml", buildNfe({ key: key(), purchaseOrder: first.marketplaceCode, recipient: { cpf: BUYER_CPF } })),
    ]);
    const rowId = view.rows[0]?.id ?? 0;
    await sellerA().invoiceImports.confirmDifference({ importId, rowId, orderId: first.id });
    const moved = await sellerA().invoiceImports.chooseOrder({
      importId,
      rowId,
      choice: { orderCode: second.marketplaceCode },
    });
    expect(moved.rows[0]).toMatchObject({
      verdict: "matched",
      ready: false,
      difference: { confirmed: false, items: [{ field: "recipient", order: "862.883.667-57" }] },
    });
    expect(await sellerA().invoiceImports.confirm({ importId, rowIds: [rowId] })).toEqual([]);
    expect(orderRow(world, second.id).status).toBe("APPROVED");
  });

  it("refuses to confirm a note that matches its order", async () => {
    const order = orderFor();
    const { importId, view } = await upload([
      file("n.xml", buildNfe({ key: key(), purchaseOrder: order.marketplaceCode, recipient: { cpf: BUYER_CPF } })),
    ]);
    await expectRefusal(
      sellerA().invoiceImports.confirmDifference({ importId, rowId: view.rows[0]?.id ?? 0, orderId: order.id }),
      "BAD_REQUEST",
    );
  });
});

describe("bad input", () => {
  it("refuses empty uploads, empty confirmations and blank order numbers in pt-BR, changing nothing", async () => {
    const order = orderFor();
    const { importId, view } = await upload([
      file("n.xml", buildNfe({ key: key(), purchaseOrder: order.marketplaceCode, recipient: { cpf: BUYER_CPF } })),
    ]);
    const rowId = view.rows[0]?.id ?? 0;
    const before = tableCounts(world);
    await expectRefusal(sellerA().invoiceImports.addFiles({ importId, files: [] }), "BAD_REQUEST");
    await expectRefusal(sellerA().invoiceImports.confirm({ importId, rowIds: [] }), "BAD_REQUEST");
    await expectRefusal(
      sellerA().invoiceImports.chooseOrder({ importId, rowId, choice: { orderCode: "   " } }),
      "BAD_REQUEST",
    );
    await expectRefusal(
      sellerA().invoiceImports.chooseOrder({ importId, rowId, choice: { orderCode: "NAO-EXISTE-1" } }),
      "NOT_FOUND",
    );
    await expectRefusal(sellerA().invoiceImports.get({ importId: 0 }), "BAD_REQUEST");
    expect(tableCounts(world)).toEqual(before);
    expect((await sellerA().invoiceImports.get({ importId })).rows).toEqual(view.rows);
    expect(orderRow(world, order.id).status).toBe("APPROVED");
  });
});

describe("housekeeping", () => {
  it("forgets the files of old unconfirmed uploads and says so, keeping applied results", async () => {
    const [a, b] = [orderFor(), orderFor()];
    const files = [a, b].map((o, i) =>
      file(`n${i}.xml`, buildNfe({ key: key(), purchaseOrder: o.marketplaceCode, recipient: { cpf: BUYER_CPF } })),
    );
    const { importId, view } = await upload(files);
    await sellerA().invoiceImports.confirm({ importId, rowIds: [view.rows[0]?.id ?? 0] });
    expect(releaseStaleImportFiles(world.db, new Date(Date.now() + 60_000))).toBeGreaterThan(0);
    const after = await sellerA().invoiceImports.get({ importId });
    expect(after.rows[0]).toMatchObject({ result: { ok: true } });
    expect(after.rows[1]).toMatchObject({ ready: false, canChoose: false });
    expect(after.rows[1]?.reason).toMatch(/não está mais guardado/);
    expect(await sellerA().invoiceImports.confirm({ importId, rowIds: [after.rows[1]?.id ?? 0] })).toEqual([]);
    expect(orderRow(world, b.id).status).toBe("APPROVED");
  });
});

describe("who may", () => {
  it("lets only the account's seller upload, and hides one account's uploads from another", async () => {
    for (const email of [EMAILS.managerA, EMAILS.support, EMAILS.admin]) {
      await expectRefusal(world.callerFor(email).invoiceImports.start(), "FORBIDDEN");
    }
    await expectRefusal(world.callerFor(null).invoiceImports.start(), "UNAUTHORIZED");
    const order = orderFor();
    const { importId, view } = await upload([
      file("n.xml", buildNfe({ key: key(), purchaseOrder: order.marketplaceCode })),
    ]);
    const sellerB = world.callerFor(EMAILS.sellerB);
    const rowId = view.rows[0]?.id ?? 0;
    await expectRefusal(sellerB.invoiceImports.get({ importId }), "NOT_FOUND");
    await expectRefusal(
      sellerB.invoiceImports.addFiles({ importId, files: [file("x.xml", fixture("nfce-model-65.xml"))] }),
      "NOT_FOUND",
    );
    await expectRefusal(sellerB.invoiceImports.confirm({ importId, rowIds: [rowId] }), "NOT_FOUND");
    await expectRefusal(sellerB.invoiceImports.setDropped({ importId, rowId, dropped: true }), "NOT_FOUND");
    expect(orderRow(world, order.id).status).toBe("APPROVED");
    // Seller B's own note, citing account A's order number, finds nothing: codes are looked up in B's account only.
    const theirs = await upload(
      [
        file(
          "n.xml",
          buildNfe({
            key: validKey(CNPJ_B, 2018, 9),
            emitterCnpj: CNPJ_B,
            purchaseOrder: order.marketplaceCode,
            recipient: { cpf: "71428793860" },
          }),
        ),
      ],
      sellerB,
    );
    expect(theirs.view.rows[0]).toMatchObject({ verdict: "no_match", order: null, candidates: [] });
  });

  it("caps an upload at 500 notes, counting what it already holds and what the browser reported", async () => {
    const { importId } = await sellerA().invoiceImports.start();
    const problems = Array.from({ length: 499 }, (_, i) => ({ fileName: `x${i}.pdf`, problem: "not_xml" as const }));
    const view = await sellerA().invoiceImports.addFiles({ importId, files: [], problems });
    expect(view.rows).toHaveLength(499);
    expect(view.rows[0]?.reason).toMatch(/não é um XML/);
    const zip = zipSync({ "a.xml": fixture("nfce-model-65.xml"), "b.xml": fixture("nfce-model-65.xml") });
    const error = await expectRefusal(
      sellerA().invoiceImports.addFiles({ importId, files: [file("dois.zip", zip)] }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(/500 notas/);
    expect((await sellerA().invoiceImports.get({ importId })).rows).toHaveLength(499);
  });

  it("rejects more files than a call takes with a pt-BR message", async () => {
    const { importId } = await sellerA().invoiceImports.start();
    const many = Array.from({ length: 51 }, (_, i) => file(`n${i}.xml`, fixture("nfce-model-65.xml")));
    const error = await expectRefusal(sellerA().invoiceImports.addFiles({ importId, files: many }), "BAD_REQUEST");
    expect(error).toBeInstanceOf(TRPCError);
  });
});
