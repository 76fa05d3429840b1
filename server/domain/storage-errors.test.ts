import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { asDomainError, describeFailure, describeStorageError, storageFault } from "./storage-errors";

function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: something, open 'data/fluxo.db'`), { code });
}

describe("storage faults", () => {
  it("are told apart by SQLite's and Node's codes, through Drizzle's wrapper", () => {
    const cases: [Error, string | null][] = [
      [sqliteError("SQLITE_FULL", "database or disk is full"), "full"],
      [fsError("ENOSPC"), "full"],
      [sqliteError("SQLITE_READONLY", "attempt to write a readonly database"), "read_only"],
      [sqliteError("SQLITE_READONLY_DBMOVED", "attempt to write a readonly database"), "read_only"],
      [sqliteError("SQLITE_CANTOPEN", "unable to open database file"), "read_only"],
      [fsError("EACCES"), "read_only"],
      [fsError("EROFS"), "read_only"],
      [sqliteError("SQLITE_IOERR_WRITE", "disk I/O error"), "failed"],
      [sqliteError("SQLITE_IOERR_SHMSIZE", "disk I/O error"), "failed"],
      [sqliteError("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed: invoices.access_key"), null],
      [sqliteError("SQLITE_BUSY", "database is locked"), null],
      [new Error("database or disk is full"), "full"],
      [new TypeError("x is undefined"), null],
    ];
    for (const [error, fault] of cases) {
      expect(storageFault(error)).toBe(fault);
      expect(storageFault(new DrizzleQueryError("insert into orders …", [], error))).toBe(fault);
    }
    expect(storageFault("SQLITE_FULL")).toBeNull();
    expect(storageFault(undefined)).toBeNull();
  });

  it("become typed domain errors in pt-BR; other errors stay what they are", () => {
    const full = asDomainError(sqliteError("SQLITE_FULL", "database or disk is full"));
    expect(full).toMatchObject({
      code: "STORAGE_FULL",
      kind: "unavailable",
      message: "O Fluxo não conseguiu gravar: o disco do servidor está cheio. Nada foi alterado.",
    });
    expect(asDomainError(sqliteError("SQLITE_READONLY", "attempt to write a readonly database"))).toMatchObject({
      code: "STORAGE_READ_ONLY",
      kind: "unavailable",
    });
    expect(asDomainError(sqliteError("SQLITE_IOERR", "disk I/O error"))?.code).toBe("STORAGE_FAILED");
    const refusal = new DomainError("STATUS_CONFLICT", "O pedido mudou.");
    expect(asDomainError(refusal)).toBe(refusal);
    expect(asDomainError(new Error("boom"))).toBeNull();
    expect(describeFailure(fsError("ENOSPC"))).toMatch(/^O Fluxo não conseguiu gravar: o disco/);
    expect(describeFailure(new Error("Mercado Livre fora do ar."))).toBe("Mercado Livre fora do ar.");
  });

  it("tell whoever starts the hub, in one line, what to do with a data folder it cannot use", () => {
    const folder = mkdtempSync(join(tmpdir(), "fluxo-storage-"));
    try {
      // SQLite cannot open a folder as its file: SQLITE_CANTOPEN, as where it may not create one.
      let caught: unknown;
      try {
        new Database(folder).pragma("journal_mode = WAL");
      } catch (error) {
        caught = error;
      }
      const line = describeStorageError(caught, folder);
      expect(line).toBe(
        `O Fluxo não consegue gravar na pasta de dados ${folder}: libere a escrita nela (ou aponte DATABASE_PATH para uma pasta gravável) e inicie o Fluxo de novo.`,
      );
      expect(describeStorageError(fsError("ENOSPC"), "data")).toBe(
        "O disco da pasta de dados data está cheio: libere espaço nele e inicie o Fluxo de novo.",
      );
      expect(describeStorageError(new Error("boom"), "data")).toBeNull();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
