// Turns what a seller drops on the bulk invoice page (XML files, .zip files, or both) into one list of candidate
// NF-e files. A zip is opened here, on the server, so the limits below protect it from archives that inflate to
// gigabytes or hold thousands of entries.
import { unzipSync } from "fflate";
import { NFE_XML_MAX_BYTES } from "./nfe-xml-input";

export const MAX_FILES_PER_IMPORT = 500;
const MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024;

export type UploadedFile = { name: string; bytes: Uint8Array };

export type UploadEntry = { ok: true; name: string; bytes: Uint8Array } | { ok: false; name: string; message: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function looksLikeZip(file: UploadedFile): boolean {
  return ZIP_MAGIC.every((b, i) => file.bytes[i] === b) || /\.zip$/i.test(file.name);
}

// Archives made on macOS carry resource forks and Finder files that are not the seller's documents.
function isSystemClutter(path: string): boolean {
  const base = path.split("/").pop() ?? path;
  return path.startsWith("__MACOSX/") || base === ".DS_Store" || base === "Thumbs.db" || base.startsWith("._");
}

function unpackZip(file: UploadedFile): UploadEntry[] {
  const skipped: UploadEntry[] = [];
  let inflated = 0;
  let tooLarge = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(file.bytes, {
      filter: (entry) => {
        if (entry.name.endsWith("/") || isSystemClutter(entry.name)) return false;
        const name = `${file.name} › ${entry.name}`;
        if (!/\.xml$/i.test(entry.name)) {
          skipped.push({ ok: false, name, message: "Este arquivo do .zip não é um XML; só XMLs de NF-e são lidos." });
          return false;
        }
        if (entry.originalSize > NFE_XML_MAX_BYTES) {
          skipped.push({
            ok: false,
            name,
            message: "O arquivo passa de 3 MB: uma NF-e tem de alguns KB a algumas centenas de KB.",
          });
          return false;
        }
        inflated += entry.originalSize;
        if (inflated > MAX_ZIP_TOTAL_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
  } catch {
    return [
      {
        ok: false,
        name: file.name,
        message: "O .zip está corrompido ou protegido por senha. Compacte os XMLs de novo e envie outra vez.",
      },
    ];
  }
  if (tooLarge) {
    return [
      {
        ok: false,
        name: file.name,
        message: "O .zip passa de 100 MB descompactado. Divida os XMLs em mais de um arquivo.",
      },
    ];
  }
  const read: UploadEntry[] = Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b, "pt-BR", { numeric: true }))
    .map(([path, bytes]) => ({ ok: true, name: `${file.name} › ${path}`, bytes }));
  if (read.length === 0 && skipped.length === 0) {
    return [{ ok: false, name: file.name, message: "O .zip está vazio." }];
  }
  return [...read, ...skipped];
}

/** Every uploaded file as entries to read, zips opened; anything that cannot be an NF-e says why. */
export function unpackUploads(files: UploadedFile[]): UploadEntry[] {
  return files.flatMap((file): UploadEntry[] =>
    looksLikeZip(file) ? unpackZip(file) : [{ ok: true, name: file.name, bytes: file.bytes }],
  );
}
