// Turns what a seller drops on the bulk invoice page (XML files, .zip files, or both) into one list of candidate
// NF-e files. The browser runs it to read zips locally and send notes in small batches with real progress; the
// server runs it too (in a worker thread, see invoice-import/upload-reader.ts), for clients that send a zip as is.
// A zip's declared sizes are the sender's word, so they are never used: the bytes actually inflated are counted as
// they come out, and inflating stops as soon as a file, or the whole upload, passes its limit.
import { Unzip, type UnzipDecoder, type UnzipFile, UnzipInflate } from "fflate";
import { NFE_XML_MAX_BYTES } from "./nfe-xml-input";

export const MAX_FILES_PER_IMPORT = 500;
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
const MAX_NAME_LENGTH = 300;
// DEFLATE expands at most about 1 032 to 1, so feeding the archive 4 KB at a time bounds what one step can inflate
// (and allocate) before the counters below see it to about 4 MB.
const PUSH_BYTES = 4096;

export const UPLOAD_PROBLEMS = {
  not_xml: "Este arquivo do .zip não é um XML; só XMLs de NF-e são lidos.",
  too_large: "Este arquivo passa de 3 MB descompactado, mais que qualquer NF-e; envie só o XML da nota.",
  broken_zip: "O .zip está corrompido ou protegido por senha. Compacte os XMLs de novo e envie outra vez.",
  empty_zip: "O .zip está vazio.",
  // What the page says when opening the files on the seller's computer already passes a limit below.
  over_budget: `Um envio aceita até ${MAX_FILES_PER_IMPORT} notas (ou 100 MB descompactados). Divida os arquivos em mais de um envio.`,
} as const;
export type UploadProblem = keyof typeof UPLOAD_PROBLEMS;

/** Limits of one upload as a whole: passing either refuses the upload, with the limit it passed. */
export const UPLOAD_LIMITS = {
  files: `Um envio aceita até ${MAX_FILES_PER_IMPORT} notas, contando as já enviadas; divida os arquivos em mais de um envio.`,
  inflated: "Um envio aceita até 100 MB de arquivos descompactados; divida as notas em mais de um envio.",
} as const;
export type UploadLimit = keyof typeof UPLOAD_LIMITS;

export type UploadedFile = { name: string; bytes: Uint8Array };

export type UploadEntry =
  | { ok: true; name: string; bytes: Uint8Array }
  | { ok: false; name: string; problem: UploadProblem };

export type Unpacked = { ok: true; entries: UploadEntry[] } | { ok: false; limit: UploadLimit };

export type UploadBudget = { entries: number; bytes: number };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const END_OF_CENTRAL_DIRECTORY = [0x50, 0x4b, 0x05, 0x06];

export function looksLikeZip(file: { name: string; bytes?: Uint8Array }): boolean {
  return (file.bytes !== undefined && ZIP_MAGIC.every((b, i) => file.bytes?.[i] === b)) || /\.zip$/i.test(file.name);
}

// The stream reader walks local headers and would take a cut-short archive for a shorter one; every complete zip
// ends with this record (followed by a comment of at most 64 KB).
function hasEndRecord(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= from; at--) {
    if (END_OF_CENTRAL_DIRECTORY.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

// Archives made on macOS carry resource forks and Finder files that are not the seller's documents.
function isSystemClutter(path: string): boolean {
  const base = path.split("/").pop() ?? path;
  return path.startsWith("__MACOSX/") || base === ".DS_Store" || base === "Thumbs.db" || base.startsWith("._");
}

function displayName(zipName: string, path: string): string {
  return `${zipName} › ${path}`.slice(0, MAX_NAME_LENGTH);
}

/** fflate's inflater for zip entries, made stoppable: the stream keeps handing it an abandoned entry's data. */
class StoppableInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: UnzipDecoder["ondata"] = () => {};
  private readonly inflate = new UnzipInflate();
  private stopped = false;

  constructor() {
    this.inflate.ondata = (error, data, final) => this.ondata(error, data, final);
  }

  push(chunk: Uint8Array, final: boolean): void {
    if (!this.stopped) this.inflate.push(chunk, final);
  }

  terminate(): void {
    this.stopped = true;
  }
}

function joined(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

type ZipOutcome = { entries: UploadEntry[] } | { limit: UploadLimit };

function unpackZip(file: UploadedFile, budget: UploadBudget): ZipOutcome {
  const read: UploadEntry[] = [];
  const skipped: UploadEntry[] = [];
  let limit: UploadLimit | null = null;
  let broken = false;

  const inflateEntry = (entry: UnzipFile, name: string) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const stop = () => {
      done = true;
      entry.terminate();
    };
    entry.ondata = (error, chunk, final) => {
      if (done) return;
      if (error) {
        broken = true;
        return stop();
      }
      size += chunk.length;
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) {
        limit = "inflated";
        return stop();
      }
      if (size > NFE_XML_MAX_BYTES) {
        skipped.push({ ok: false, name, problem: "too_large" });
        return stop();
      }
      chunks.push(chunk);
      if (final) {
        done = true;
        read.push({ ok: true, name, bytes: joined(chunks, size) });
      }
    };
    entry.start();
  };

  const unzip = new Unzip((entry) => {
    if (limit || broken || entry.name.endsWith("/") || isSystemClutter(entry.name)) return;
    // Every entry the seller would see as a row counts, or an archive of empty files could add thousands.
    if (budget.entries < 1) {
      limit = "files";
      return;
    }
    budget.entries -= 1;
    const name = displayName(file.name, entry.name);
    if (!/\.xml$/i.test(entry.name)) skipped.push({ ok: false, name, problem: "not_xml" });
    else inflateEntry(entry, name);
  });
  unzip.register(StoppableInflate);

  try {
    if (!hasEndRecord(file.bytes)) broken = true;
    for (let at = 0; at < file.bytes.length && !limit && !broken; at += PUSH_BYTES) {
      unzip.push(file.bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= file.bytes.length);
    }
  } catch {
    broken = true;
  }
  if (limit) return { limit };
  if (broken) return { entries: [{ ok: false, name: file.name, problem: "broken_zip" }] };
  if (read.length === 0 && skipped.length === 0)
    return { entries: [{ ok: false, name: file.name, problem: "empty_zip" }] };
  read.sort((a, b) => a.name.localeCompare(b.name, "pt-BR", { numeric: true }));
  return { entries: [...read, ...skipped] };
}

/**
 * Every uploaded file as entries to read, zips opened; anything that cannot be an NF-e says why. `budget` is
 * spent as entries are accepted and bytes inflated, so several calls can share one.
 */
export function unpackUploads(files: UploadedFile[], budget: UploadBudget = importBudget(0)): Unpacked {
  const entries: UploadEntry[] = [];
  for (const file of files) {
    if (looksLikeZip(file)) {
      const outcome = unpackZip(file, budget);
      if ("limit" in outcome) return { ok: false, limit: outcome.limit };
      entries.push(...outcome.entries);
      continue;
    }
    if (budget.entries < 1) return { ok: false, limit: "files" };
    budget.entries -= 1;
    entries.push({ ok: true, name: file.name.slice(0, MAX_NAME_LENGTH), bytes: file.bytes });
  }
  return { ok: true, entries };
}

export function importBudget(alreadyInImport: number): UploadBudget {
  return { entries: Math.max(0, MAX_FILES_PER_IMPORT - alreadyInImport), bytes: MAX_INFLATED_BYTES };
}
