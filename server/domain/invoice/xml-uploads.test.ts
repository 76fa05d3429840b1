import fc from "fast-check";
import { deflateSync, Zip, ZipDeflate, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { bombZip, lieAboutSizes } from "@/tests/integration/zip-bombs";
import { NFE_XML_MAX_BYTES } from "./nfe-xml-input";
import {
  importBudget,
  MAX_FILES_PER_IMPORT,
  MAX_INFLATED_BYTES,
  type Unpacked,
  UPLOAD_LIMITS,
  UPLOAD_PROBLEMS,
  type UploadEntry,
  unpackUploads,
} from "./xml-uploads";

const xml = (text: string) => new TextEncoder().encode(`<?xml version="1.0"?><a>${text}</a>`);
const MB = 1024 * 1024;

function entriesOf(unpacked: Unpacked): UploadEntry[] {
  if (!unpacked.ok) throw new Error(`refused: ${unpacked.limit}`);
  return unpacked.entries;
}

const summary = (entries: UploadEntry[]) => entries.map((e) => (e.ok ? e.name : `${e.name}: ${e.problem}`));

describe("unpackUploads", () => {
  it("passes loose files through as they are, whatever their extension", () => {
    const entries = entriesOf(
      unpackUploads([
        { name: "a.xml", bytes: xml("1") },
        { name: "b.txt", bytes: xml("2") },
      ]),
    );
    expect(entries.map((e) => [e.name, e.ok])).toEqual([
      ["a.xml", true],
      ["b.txt", true],
    ]);
  });

  it("opens a zip in natural order, refuses non-XML entries and ignores folders and clutter", () => {
    const zip = zipSync({
      "lote/nota-10.xml": xml("10"),
      "lote/nota-2.xml": xml("2"),
      "lote/leia-me.txt": new TextEncoder().encode("oi"),
      "lote/.DS_Store": new Uint8Array([1]),
      "__MACOSX/lote/._nota-2.xml": new Uint8Array([1]),
    });
    const entries = entriesOf(unpackUploads([{ name: "lote.zip", bytes: zip }]));
    expect(entries.map((e) => [e.name, e.ok])).toEqual([
      ["lote.zip › lote/nota-2.xml", true],
      ["lote.zip › lote/nota-10.xml", true],
      ["lote.zip › lote/leia-me.txt", false],
    ]);
    expect(entries[0]).toMatchObject({ bytes: xml("2") });
  });

  it("recognises a zip by its signature even when renamed", () => {
    const zip = zipSync({ "n.xml": xml("1") });
    const [entry] = entriesOf(unpackUploads([{ name: "notas.dat", bytes: zip }]));
    expect(entry).toMatchObject({ ok: true, name: "notas.dat › n.xml" });
  });

  it("opens a zip written as a stream, whose sizes come after each entry (macOS, Java)", () => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((_error, chunk) => parts.push(chunk));
    for (const [name, text] of [
      ["b.xml", "2"],
      ["a.xml", "1"],
    ] as const) {
      const entry = new ZipDeflate(name);
      zip.add(entry);
      entry.push(xml(text), true);
    }
    zip.end();
    const bytes = new Uint8Array(Buffer.concat(parts));
    expect(entriesOf(unpackUploads([{ name: "s.zip", bytes }]))).toEqual([
      { ok: true, name: "s.zip › a.xml", bytes: xml("1") },
      { ok: true, name: "s.zip › b.xml", bytes: xml("2") },
    ]);
  });

  it("refuses an entry that declares 4 KB but inflates past 3 MB, by the bytes it actually inflated", () => {
    const zip = lieAboutSizes(
      zipSync({ "bomba.xml": new Uint8Array(12 * MB).fill(32), "ok.xml": xml("1") }, { level: 1 }),
      4096,
    );
    expect(zip.length).toBeLessThan(100_000);
    const budget = importBudget(0);
    const entries = entriesOf(unpackUploads([{ name: "z.zip", bytes: zip }], budget));
    expect(summary(entries)).toEqual(["z.zip › ok.xml", "z.zip › bomba.xml: too_large"]);
    // Stopped a few MB in, not after the 12 MB the entry holds.
    expect(MAX_INFLATED_BYTES - budget.bytes).toBeLessThan(NFE_XML_MAX_BYTES + 5 * MB);
    expect(UPLOAD_PROBLEMS.too_large).toBe(
      "Este arquivo passa de 3 MB descompactado, mais que qualquer NF-e; envie só o XML da nota.",
    );
  });

  it("refuses an honest entry over 3 MB and keeps one just under it", () => {
    const zip = zipSync({
      "grande.xml": new Uint8Array(NFE_XML_MAX_BYTES + 1).fill(32),
      "limite.xml": new Uint8Array(NFE_XML_MAX_BYTES).fill(32),
    });
    const entries = entriesOf(unpackUploads([{ name: "z.zip", bytes: zip }]));
    expect(summary(entries)).toEqual(["z.zip › limite.xml", "z.zip › grande.xml: too_large"]);
    expect(entries[0]).toMatchObject({ bytes: { length: NFE_XML_MAX_BYTES } });
  });

  it("refuses an upload whose entries together inflate past the budget, however small they claim to be", () => {
    const two = new Uint8Array(2 * MB).fill(32);
    const bomb = lieAboutSizes(zipSync({ "a.xml": two, "b.xml": two }), 10);
    const budget = { entries: 500, bytes: 5 * MB };
    const unpacked = unpackUploads(
      [
        { name: "1.zip", bytes: bomb },
        { name: "2.zip", bytes: bomb },
      ],
      budget,
    );
    expect(unpacked).toEqual({ ok: false, limit: "inflated" });
    expect(budget.bytes).toBeGreaterThan(-5 * MB);
    expect(UPLOAD_LIMITS.inflated).toBe(
      "Um envio aceita até 100 MB de arquivos descompactados; divida as notas em mais de um envio.",
    );
  });

  it("refuses an upload past 100 MB inflated, one small archive of entries that each stop at 3 MB", () => {
    const bomb = bombZip(deflateSync(new Uint8Array(4 * MB).fill(32)), 36);
    expect(bomb.length).toBeLessThan(MB / 2);
    expect(unpackUploads([{ name: "bomba.zip", bytes: bomb }])).toEqual({ ok: false, limit: "inflated" });
    const within = bombZip(deflateSync(new Uint8Array(MB).fill(32)), 3);
    expect(entriesOf(unpackUploads([{ name: "ok.zip", bytes: within }])).map((e) => e.ok)).toEqual([true, true, true]);
  });

  it(`refuses an upload of more than ${MAX_FILES_PER_IMPORT} entries, counting entries that are not XML`, () => {
    const files = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`n${i}${i % 2 ? ".xml" : ".txt"}`, xml(String(i))]));
    const unpack = (count: number) => unpackUploads([{ name: "z.zip", bytes: zipSync(files(count)) }]);
    expect(unpack(MAX_FILES_PER_IMPORT + 1)).toEqual({ ok: false, limit: "files" });
    expect(entriesOf(unpack(MAX_FILES_PER_IMPORT))).toHaveLength(MAX_FILES_PER_IMPORT);
    expect(UPLOAD_LIMITS.files).toBe(
      "Um envio aceita até 500 notas, contando as já enviadas; divida os arquivos em mais de um envio.",
    );
  });

  it("counts loose files and zip entries against the same entry budget", () => {
    const budget = { entries: 2, bytes: MB };
    const unpacked = unpackUploads(
      [
        { name: "a.xml", bytes: xml("1") },
        { name: "z.zip", bytes: zipSync({ "b.xml": xml("2"), "c.xml": xml("3") }) },
      ],
      budget,
    );
    expect(unpacked).toEqual({ ok: false, limit: "files" });
  });

  it("says an empty, broken or cut-short zip is so", () => {
    expect(unpackUploads([{ name: "vazio.zip", bytes: zipSync({}) }])).toEqual({
      ok: true,
      entries: [{ ok: false, name: "vazio.zip", problem: "empty_zip" }],
    });
    const broken = entriesOf(unpackUploads([{ name: "x.zip", bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]) }]));
    expect(broken).toEqual([{ ok: false, name: "x.zip", problem: "broken_zip" }]);
    const whole = zipSync({ "a.xml": new Uint8Array(100_000).map((_, i) => (i * 7919) % 251) });
    const cut = entriesOf(unpackUploads([{ name: "c.zip", bytes: whole.subarray(0, whole.length - 200) }]));
    expect(cut).toEqual([{ ok: false, name: "c.zip", problem: "broken_zip" }]);
    const garbled = whole.slice();
    garbled.fill(0xff, 40, 400);
    expect(entriesOf(unpackUploads([{ name: "g.zip", bytes: garbled }]))).toEqual([
      { ok: false, name: "g.zip", problem: "broken_zip" },
    ]);
  });

  it("gives back every entry byte for byte, or refuses with the limit passed, and never inflates past the budget", () => {
    const entry = fc.record({
      name: fc.stringMatching(/^[a-z0-9]{1,12}$/).map((n) => `${n}.xml`),
      size: fc.integer({ min: 0, max: 60_000 }),
      byte: fc.integer({ min: 0, max: 255 }),
      lie: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: (e) => e.name, maxLength: 6 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 0, max: 8 }),
        (files, bytes, entries) => {
          const contents = Object.fromEntries(files.map((f) => [f.name, new Uint8Array(f.size).fill(f.byte)]));
          let zip: Uint8Array = zipSync(contents);
          if (files.some((f) => f.lie)) zip = lieAboutSizes(zip, 1);
          const budget = { entries, bytes };
          const unpacked = unpackUploads([{ name: "p.zip", bytes: zip }], budget);
          // Entries are met in the archive's order: whichever limit an entry passes first is the one refused.
          let left = { entries, bytes };
          let passed: string | null = null;
          for (const f of files) {
            if (left.entries < 1) passed ??= "files";
            left = { entries: left.entries - 1, bytes: left.bytes - f.size };
            if (left.bytes < 0) passed ??= "inflated";
          }
          const total = files.reduce((sum, f) => sum + f.size, 0);
          if (passed) expect(unpacked).toEqual({ ok: false, limit: passed });
          else if (files.length === 0) expect(entriesOf(unpacked)).toMatchObject([{ problem: "empty_zip" }]);
          else {
            const got = entriesOf(unpacked);
            expect(Object.fromEntries(got.map((e) => [e.name.replace("p.zip › ", ""), e.ok && e.bytes]))).toEqual(
              contents,
            );
            expect(budget.bytes).toBe(bytes - total);
          }
          // One push of compressed input is the most the counters can lag behind.
          expect(budget.bytes).toBeGreaterThan(-5 * MB);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
