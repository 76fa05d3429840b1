import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dataFolderMessage, dataFolderProblem } from "./data-folder";

const dir = mkdtempSync(join(tmpdir(), "fluxo-data-folder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), { code });
}

describe("data folder", () => {
  it("a folder that takes writes is created and left as it was found", () => {
    const folder = join(dir, "novo", "dados");
    expect(dataFolderProblem(folder)).toBeNull();
    expect(readdirSync(folder)).toEqual([]);
  });

  it("a path that runs through a file is named in one pt-BR line that says what to do", () => {
    const file = join(dir, "um-arquivo");
    writeFileSync(file, "");
    expect(dataFolderProblem(join(file, "dados"))).toBe(
      `O caminho da pasta de dados ${join(file, "dados")} passa por um arquivo, não por uma pasta: aponte DATABASE_PATH para uma pasta gravável e inicie o Fluxo de novo.`,
    );
  });

  it("a read-only folder, a full disk and a refused permission each get their own line", () => {
    expect(dataFolderMessage(errno("EROFS"), "/srv/fluxo")).toMatch(/^O Fluxo não consegue gravar na pasta de dados/);
    expect(dataFolderMessage(errno("EACCES"), "/srv/fluxo")).toMatch(/libere a escrita nela/);
    expect(dataFolderMessage(errno("ENOSPC"), "/srv/fluxo")).toMatch(/está cheio: libere espaço nele/);
    for (const code of ["EROFS", "EACCES", "ENOSPC", "ENOTDIR"]) {
      expect(dataFolderMessage(errno(code), "/srv/fluxo")).not.toContain("\n");
    }
  });

  it("any other error is not mistaken for a data folder problem", () => {
    expect(dataFolderMessage(errno("ECONNREFUSED"), "/srv/fluxo")).toBeNull();
    expect(dataFolderMessage(new TypeError("x is undefined"), "/srv/fluxo")).toBeNull();
  });
});
