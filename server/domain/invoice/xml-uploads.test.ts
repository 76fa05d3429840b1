import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { unpackUploads } from "./xml-uploads";

const xml = (text: string) => new TextEncoder().encode(`<?xml version="1.0"?><a>${text}</a>`);

describe("unpackUploads", () => {
  it("passes loose files through as they are, whatever their extension", () => {
    const entries = unpackUploads([
      { name: "a.xml", bytes: xml("1") },
      { name: "b.txt", bytes: xml("2") },
    ]);
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
    const entries = unpackUploads([{ name: "lote.zip", bytes: zip }]);
    expect(entries.map((e) => [e.name, e.ok])).toEqual([
      ["lote.zip › lote/nota-2.xml", true],
      ["lote.zip › lote/nota-10.xml", true],
      ["lote.zip › lote/leia-me.txt", false],
    ]);
  });

  it("recognises a zip by its signature even when renamed", () => {
    const zip = zipSync({ "n.xml": xml("1") });
    const [entry] = unpackUploads([{ name: "notas.dat", bytes: zip }]);
    expect(entry).toMatchObject({ ok: true, name: "notas.dat › n.xml" });
  });

  it("refuses an entry that inflates past the NF-e size limit without inflating it", () => {
    const big = new Uint8Array(4 * 1024 * 1024).fill(32);
    const zip = zipSync({ "grande.xml": big, "ok.xml": xml("1") });
    expect(zip.length).toBeLessThan(100_000);
    const entries = unpackUploads([{ name: "z.zip", bytes: zip }]);
    expect(entries.map((e) => [e.name, e.ok])).toEqual([
      ["z.zip › ok.xml", true],
      ["z.zip › grande.xml", false],
    ]);
  });

  it("says an empty or broken zip is so", () => {
    expect(unpackUploads([{ name: "vazio.zip", bytes: zipSync({}) }])).toEqual([
      { ok: false, name: "vazio.zip", problem: "empty_zip" },
    ]);
    const broken = unpackUploads([{ name: "x.zip", bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]) }]);
    expect(broken[0]).toMatchObject({ ok: false, name: "x.zip", problem: "broken_zip" });
  });

  it("spends one budget across every zip of a call, before inflating anything past it", () => {
    // Each zip alone is within limits; together they would inflate far past the budget.
    const bomb = zipSync({
      "a.xml": new Uint8Array(2 * 1024 * 1024).fill(32),
      "b.xml": new Uint8Array(2 * 1024 * 1024).fill(32),
    });
    const budget = { entries: 500, bytes: 5 * 1024 * 1024 };
    const entries = unpackUploads(
      [
        { name: "1.zip", bytes: bomb },
        { name: "2.zip", bytes: bomb },
      ],
      budget,
    );
    expect(entries.map((e) => (e.ok ? e.name : `${e.name}: ${e.problem}`))).toEqual([
      "1.zip › a.xml",
      "1.zip › b.xml",
      "2.zip: over_budget",
    ]);
    expect(budget.bytes).toBe(1024 * 1024);
  });

  it("counts loose files and zip entries against the same entry budget", () => {
    const budget = { entries: 2, bytes: 1024 * 1024 };
    const entries = unpackUploads(
      [
        { name: "a.xml", bytes: xml("1") },
        { name: "z.zip", bytes: zipSync({ "b.xml": xml("2"), "c.xml": xml("3") }) },
      ],
      budget,
    );
    expect(entries.map((e) => e.ok)).toEqual([true, false]);
    expect(entries[1]).toMatchObject({ problem: "over_budget" });
  });
});
