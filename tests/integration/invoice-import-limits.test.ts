// The bulk NF-e upload under hostile archives (issue 13): zips whose entries claim a few KB and inflate to far more
// are stopped by the bytes actually inflated, in a worker thread, with the limit named in pt-BR and nothing stored;
// the notes read there are matched and dry-run without being parsed again, with the single upload's outcome.
import { deflateSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { type NfeData, readNfeXml } from "@/server/domain/invoice/nfe-xml";
import { UPLOAD_LIMITS, UPLOAD_PROBLEMS } from "@/server/domain/invoice/xml-uploads";
import { stopUploadReaders } from "@/server/domain/invoice-import/upload-reader";
import { type InvoiceContext, invoiceOrder } from "@/server/domain/orders/commands/invoice";
import { buildNfe } from "../fixtures/nfe-builder";
import { expectRefusal, insertOrder, tableCounts, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";
import { bombZip, lieAboutSizes } from "./zip-bombs";

const CNPJ_A = "06929383000163";
const MB = 1024 * 1024;
const ISSUED_MONTH = new Date(Date.UTC(2018, 8, 20, 15)); // the builder's notes are dated the 25th

let world: TestWorld;
let accountA: number;
const originalMode = process.env.FLUXO_NFE_MODE;

beforeAll(async () => {
  // The builder's notes come from a homologation fixture, accepted by the sandbox mode the demo runs in.
  process.env.FLUXO_NFE_MODE = "sandbox";
  world = await createTestWorld(3);
  [accountA] = world.accounts.map((a) => a.id) as [number];
});
afterAll(async () => {
  await stopUploadReaders();
  world.close();
  if (originalMode === undefined) delete process.env.FLUXO_NFE_MODE;
  else process.env.FLUXO_NFE_MODE = originalMode;
});

const sellerA = () => world.callerFor(EMAILS.sellerA);
const file = (name: string, bytes: Uint8Array) => ({ fileName: name, base64: Buffer.from(bytes).toString("base64") });

describe("archives that inflate past the limits", () => {
  it("refuses a bomb of small entries that inflate past 100 MB, stores nothing, and the board keeps answering", async () => {
    // 36 entries that each claim 4 KB and hold a DEFLATE stream of 4 MB: 150 KB on the wire.
    const bomb = bombZip(deflateSync(new Uint8Array(4 * MB).fill(32)), 36);
    expect(bomb.length).toBeLessThan(200_000);
    const { importId } = await sellerA().invoiceImports.start();
    const before = tableCounts(world);

    const finished: string[] = [];
    const upload = sellerA()
      .invoiceImports.addFiles({ importId, files: [file("bomba.zip", bomb)] })
      .finally(() => finished.push("upload"));
    // Another user's board read is answered while the bomb is being opened, not after it.
    await world.callerFor(EMAILS.sellerB).orders.list({ filters: {}, limit: 50 });
    finished.push("board");

    const error = await expectRefusal(upload, "BAD_REQUEST", "INVALID_INPUT");
    expect(error.message).toBe(UPLOAD_LIMITS.inflated);
    expect(finished).toEqual(["board", "upload"]);
    expect(tableCounts(world)).toEqual(before);
    expect((await sellerA().invoiceImports.get({ importId })).rows).toEqual([]);
  }, 60_000); // inflating 100 MB takes seconds on a busy 2-core machine; the limit under test is bytes, not time

  it("refuses one note that claims 4 KB and inflates past 3 MB, and reads the rest of the archive", async () => {
    const order = insertOrder(world, { accountId: accountA, placedAt: ISSUED_MONTH, totalCents: 50_000 });
    const note = buildNfe({ key: validKey(CNPJ_A, 2018, 9), purchaseOrder: order.marketplaceCode });
    const zip = lieAboutSizes(
      zipSync({ "bomba.xml": new Uint8Array(12 * MB).fill(32), "nota.xml": note }, { level: 1 }),
      4096,
    );
    const { importId } = await sellerA().invoiceImports.start();
    const view = await sellerA().invoiceImports.addFiles({ importId, files: [file("lote.zip", zip)] });
    expect(view.rows.map((r) => [r.fileName, r.verdict])).toEqual([
      ["lote.zip › nota.xml", "matched"],
      ["lote.zip › bomba.xml", "invalid"],
    ]);
    expect(view.rows[1]?.reason).toBe(UPLOAD_PROBLEMS.too_large);
  });

  it("refuses a zip of more than 500 entries, however small, storing nothing", async () => {
    const entries = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`vazio-${i}.txt`, new Uint8Array(0)]));
    const { importId } = await sellerA().invoiceImports.start();
    const error = await expectRefusal(
      sellerA().invoiceImports.addFiles({ importId, files: [file("muitos.zip", zipSync(entries))] }),
      "BAD_REQUEST",
    );
    expect(error.message).toBe(UPLOAD_LIMITS.files);
    expect((await sellerA().invoiceImports.get({ importId })).rows).toEqual([]);
  });
});

describe("a note read before the transaction", () => {
  const ctx = (): InvoiceContext => ({
    db: world.db,
    accountId: accountA,
    actor: { type: "user", userId: world.userByEmail(EMAILS.sellerA).id, name: "Vendedor" },
    nfeMode: "sandbox",
  });

  class Rollback extends Error {
    constructor(readonly outcome: unknown) {
      super("rollback");
    }
  }

  /** invoiceOrder's outcome, rolled back so each variant meets the same order. */
  function outcome(order: { id: number; version: number }, xml: Uint8Array, nfe: NfeData | undefined) {
    try {
      world.db.transaction(() => {
        const result = invoiceOrder(ctx(), {
          orderId: order.id,
          version: order.version,
          invoice: { method: "xml", fileName: "nota.xml", xml, nfe },
        });
        throw new Rollback({ ok: true, warnings: result.warnings, heldNotice: result.heldNotice });
      });
    } catch (error) {
      if (error instanceof Rollback) return error.outcome;
      if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  }

  function readFirst(xml: Uint8Array): NfeData {
    const read = readNfeXml(xml, { sellerCnpj: CNPJ_A, mode: "sandbox" });
    if (!read.ok) throw new Error(read.error.message);
    return read.nfe;
  }

  it("gets the single upload's verdict and warnings from the order-dependent checks alone", () => {
    const note = buildNfe({ key: validKey(CNPJ_A, 2018, 9), recipient: { cpf: "52998224725" } });
    const cases = [
      { placedAt: ISSUED_MONTH, totalCents: 50_000, customerDocument: "52998224725" },
      { placedAt: ISSUED_MONTH, totalCents: 12_345, customerDocument: "11144477735" },
      // Placed the month after the note was issued: refused.
      { placedAt: new Date(Date.UTC(2018, 9, 2, 15)), totalCents: 50_000, customerDocument: "52998224725" },
    ];
    const outcomes = cases.map((c) => {
      const order = insertOrder(world, { accountId: accountA, ...c });
      const first = outcome(order, note, readFirst(note));
      expect(first).toEqual(outcome(order, note, undefined));
      return first as { ok: boolean; code?: string; warnings?: { code: string }[] };
    });
    expect(outcomes.map((o) => o.code ?? "ok")).toEqual(["ok", "ok", "ACCESS_KEY_ISSUE_MONTH"]);
    expect(outcomes[1]?.warnings?.map((w) => w.code)).toEqual(["RECIPIENT_MISMATCH", "TOTAL_MISMATCH"]);
  });

  it("does not parse the XML again when the note was read first, unless it was read for another CNPJ", () => {
    const order = insertOrder(world, { accountId: accountA, placedAt: ISSUED_MONTH, totalCents: 50_000 });
    const nfe = readFirst(buildNfe({ key: validKey(CNPJ_A, 2018, 9) }));
    const notXml = new TextEncoder().encode("não é XML");
    expect(outcome(order, notXml, nfe)).toMatchObject({ ok: true });
    expect(outcome(order, notXml, { ...nfe, emitterCnpj: "58716523000119" })).toMatchObject({
      ok: false,
      code: "NOT_XML",
    });
  });
});
