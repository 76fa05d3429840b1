// A full, read-only or failing disk reaches the code as SQLite's English (SQLITE_FULL "database or disk is full",
// SQLITE_READONLY, SQLITE_IOERR_*) or as Node's fs codes, often wrapped by Drizzle (its error's cause). Here they
// become the typed domain errors a client reads in pt-BR. SQLite has rolled the statement's transaction back by
// then, so "nada foi alterado" holds, and the same write goes through once the disk takes it again.
import { DomainError } from "./errors";

export type StorageFault = "full" | "read_only" | "failed";

const CLIENT_MESSAGES: Record<StorageFault, string> = {
  full: "O Fluxo não conseguiu gravar: o disco do servidor está cheio. Nada foi alterado.",
  read_only:
    "O Fluxo não conseguiu gravar: a pasta de dados do servidor não aceita escrita. Nada foi alterado; peça a quem administra o servidor que libere a escrita nela.",
  failed:
    "O Fluxo não conseguiu usar o disco do servidor, que falhou. Nada foi alterado; tente de novo em instantes e, se continuar, peça a quem administra o servidor que verifique o disco.",
};

const CODES = { full: "STORAGE_FULL", read_only: "STORAGE_READ_ONLY", failed: "STORAGE_FAILED" } as const;

function faultOfCode(code: string, message: string): StorageFault | null {
  if (code === "SQLITE_FULL" || code === "ENOSPC" || message.includes("database or disk is full")) return "full";
  // SQLite cannot create the -wal or -shm file beside the database in a folder it may not write.
  if (/^SQLITE_(READONLY|CANTOPEN)/.test(code) || code === "EROFS" || code === "EACCES" || code === "EPERM") {
    return "read_only";
  }
  if (code.startsWith("SQLITE_IOERR") || code === "EIO") return "failed";
  return null;
}

/** What kind of storage fault `error` (or an error it wraps) is, or null for any other error. */
export function storageFault(error: unknown): StorageFault | null {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    const fault = faultOfCode(typeof code === "string" ? code : "", current.message);
    if (fault) return fault;
  }
  return null;
}

/** The domain error a client reads for `error`: itself when it is one, a storage fault's, or null. */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const fault = storageFault(error);
  return fault ? new DomainError(CODES[fault], CLIENT_MESSAGES[fault]) : null;
}

/** The pt-BR message of a storage fault, or the error's own message: for the worker's log lines. */
export function describeFailure(error: unknown): string {
  return asDomainError(error)?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * One line for whoever runs the hub (`npm start`, the worker) when the data folder cannot be written, naming the fix;
 * null when `error` is not a storage fault.
 */
export function describeStorageError(error: unknown, dataFolder: string): string | null {
  switch (storageFault(error)) {
    case "full":
      return `O disco da pasta de dados ${dataFolder} está cheio: libere espaço nele e inicie o Fluxo de novo.`;
    case "read_only":
      return `O Fluxo não consegue gravar na pasta de dados ${dataFolder}: libere a escrita nela (ou aponte DATABASE_PATH para uma pasta gravável) e inicie o Fluxo de novo.`;
    case "failed":
      return `O disco da pasta de dados ${dataFolder} falhou ao ler ou gravar: verifique o disco (ou aponte DATABASE_PATH para outro) e inicie o Fluxo de novo.`;
    default:
      return null;
  }
}
