// Turns what a seller drops on the bulk invoice page (XML files, .zip files, or both) into one list of candidate
// NF-e files. The browser runs it to read zips locally and send notes in small batches with real progress; the
// server runs it too, for clients that send a zip as is. One budget per call bounds entries and inflated bytes, and
// is checked before an entry is inflated, so an archive that expands to gigabytes never does.
import { unzipSync } from "fflate";
import { NFE_XML_MAX_BYTES } from "./nfe-xml-input";

export const MAX_FILES_PER_IMPORT = 500;
const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
const MAX_NAME_LENGTH = 300;

export const UPLOAD_PROBLEMS = {
  not_xml: "Este arquivo do .zip não é um XML; só XMLs de NF-e são lidos.",
  too_large: "O arquivo passa de 3 MB: uma NF-e tem de alguns KB a algumas centenas de KB.",
  broken_zip: "O .zip está corrompido ou protegido por senha. Compacte os XMLs de novo e envie outra vez.",
  empty_zip: "O .zip está vazio.",
  over_budget: `Um envio aceita até ${MAX_FILES_PER_IMPORT} notas (ou 100 MB descompactados). Divida os arquivos em mais de um envio.`,
} as const;
export type UploadProblem = keyof typeof UPLOAD_PROBLEMS;

export type UploadedFile = { name: string; bytes: Uint8Array };

export type UploadEntry =
  | { ok: true; name: string; bytes: Uint8Array }
  | { ok: false; name: string; problem: UploadProblem };

export type UploadBudget = { entries: number; bytes: number };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeZip(file: { name: string; bytes?: Uint8Array }): boolean {
  return (file.bytes !== undefined && ZIP_MAGIC.every((b, i) => file.bytes?.[i] === b)) || /\.zip$/i.test(file.name);
}

// Archives made on macOS carry resource forks and Finder files that are not the seller's documents.
function isSystemClutter(path: string): boolean {
  const base = path.split("/").pop() ?? path;
  return path.startsWith("__MACOSX/") || base === ".DS_Store" || base === "Thumbs.db" || base.startsWith("._");
}

function displayName(zipName: string, path: string): string {
  return `${zipName} › ${path}`.slice(0, MAX_NAME_LENGTH);
}

function unpackZip(file: UploadedFile, budget: UploadBudget): UploadEntry[] {
  const skipped: UploadEntry[] = [];
  let overBudget = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(file.bytes, {
      filter: (entry) => {
        if (overBudget || entry.name.endsWith("/") || isSystemClutter(entry.name)) return false;
        const name = displayName(file.name, entry.name);
        if (!/\.xml$/i.test(entry.name)) {
          skipped.push({ ok: false, name, problem: "not_xml" });
          return false;
        }
        if (entry.originalSize > NFE_XML_MAX_BYTES) {
          skipped.push({ ok: false, name, problem: "too_large" });
          return false;
        }
        if (budget.entries < 1 || budget.bytes < entry.originalSize) {
          overBudget = true;
          return false;
        }
        budget.entries -= 1;
        budget.bytes -= entry.originalSize;
        return true;
      },
    });
  } catch {
    return [{ ok: false, name: file.name, problem: "broken_zip" }];
  }
  if (overBudget) return [{ ok: false, name: file.name, problem: "over_budget" }];
  const read: UploadEntry[] = Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b, "pt-BR", { numeric: true }))
    .map(([path, bytes]) => ({ ok: true, name: displayName(file.name, path), bytes }));
  if (read.length === 0 && skipped.length === 0) return [{ ok: false, name: file.name, problem: "empty_zip" }];
  return [...read, ...skipped];
}

/**
 * Every uploaded file as entries to read, zips opened; anything that cannot be an NF-e says why. `budget` is
 * spent as entries are accepted, so several calls can share one.
 */
export function unpackUploads(
  files: UploadedFile[],
  budget: UploadBudget = { entries: MAX_FILES_PER_IMPORT, bytes: MAX_INFLATED_BYTES },
): UploadEntry[] {
  return files.flatMap((file): UploadEntry[] => {
    if (looksLikeZip(file)) return unpackZip(file, budget);
    if (budget.entries < 1) return [{ ok: false, name: file.name, problem: "over_budget" }];
    budget.entries -= 1;
    return [{ ok: true, name: file.name.slice(0, MAX_NAME_LENGTH), bytes: file.bytes }];
  });
}

export function importBudget(alreadyInImport: number): UploadBudget {
  return { entries: Math.max(0, MAX_FILES_PER_IMPORT - alreadyInImport), bytes: MAX_INFLATED_BYTES };
}
