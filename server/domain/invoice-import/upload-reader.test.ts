import { deflateSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { buildNfe } from "@/tests/fixtures/nfe-builder";
import { validKey } from "@/tests/integration/flow-helpers";
import { bombZip } from "@/tests/integration/zip-bombs";
import { importBudget } from "../invoice/xml-uploads";
import { readUpload, type UploadReadRequest } from "./read-upload";
import { readUploadOffThread, stopUploadReaders } from "./upload-reader";

const CNPJ = "06929383000163";

const note = new Uint8Array(buildNfe({ key: validKey(CNPJ, 2018, 9) }));

/** A fresh one per call: reading spends its budget. */
function request(): UploadReadRequest {
  return {
    files: [
      { name: "solta.xml", bytes: note },
      { name: "lote.zip", bytes: zipSync({ "a.xml": note, "b.txt": new Uint8Array([1]) }) },
    ],
    budget: importBudget(0),
    sellerCnpj: CNPJ,
    mode: "sandbox",
    now: new Date(Date.UTC(2026, 10, 20)),
  };
}

afterAll(() => stopUploadReaders());

describe("readUploadOffThread", () => {
  it("reads an upload in a worker thread exactly as readUpload does in-process", async () => {
    const read = await readUploadOffThread(request());
    expect(read).toEqual(readUpload(request()));
    expect(read).toMatchObject({ ok: true, entries: [{ read: { ok: true } }, { read: { ok: true } }, { ok: false }] });
  }, 30_000); // the first thread starts in seconds on a loaded machine; what is checked is the answer

  it("passes the limits' refusal back", async () => {
    const bomb = bombZip(deflateSync(new Uint8Array(3 * 1024 * 1024 - 1024).fill(32)), 40);
    const read = await readUploadOffThread({ ...request(), files: [{ name: "bomba.zip", bytes: bomb }] });
    expect(read).toEqual({ ok: false, limit: "inflated" });
  }, 60_000); // inflating past 100 MB takes seconds on a busy 2-core machine; the limit under test is bytes, not time

  it("gives up on an upload past its deadline, and the next one gets a thread of its own", async () => {
    // A thread takes far longer than a millisecond to load, so this one is ended before it reads anything.
    expect(await readUploadOffThread(request(), 1)).toEqual({ ok: false, limit: "time" });
    expect(await readUploadOffThread(request())).toMatchObject({ ok: true });
  });
});
