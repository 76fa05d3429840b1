// The browser side of a bulk upload: zips are opened here (same rules and limits as the server, one shared
// module), and the notes travel in batches small enough for one request each, so the progress bar follows the
// server reading them.
import { importBudget, type UploadEntry, type UploadProblem, unpackUploads } from "@/server/domain/invoice/xml-uploads";

const MAX_BATCH_FILES = 10;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

type Note = { name: string; bytes: Uint8Array };
export type Batch = {
  files: { fileName: string; base64: string }[];
  problems: { fileName: string; problem: UploadProblem }[];
};

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Opens what the seller chose; `null` when it holds more notes than one upload takes. */
export async function openUploads(files: File[], alreadyInImport: number): Promise<UploadEntry[] | null> {
  const read = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  const unpacked = unpackUploads(read, importBudget(alreadyInImport));
  return unpacked.ok ? unpacked.entries : null;
}

/** Groups notes by count and size; the unreadable entries ride with the first batch. */
export function toBatches(entries: UploadEntry[]): Batch[] {
  const notes: Note[] = entries.flatMap((e) => (e.ok ? [{ name: e.name, bytes: e.bytes }] : []));
  const problems = entries.flatMap((e) => (e.ok ? [] : [{ fileName: e.name, problem: e.problem }]));
  const batches: Batch[] = [];
  let current: Note[] = [];
  let bytes = 0;
  const flush = () => {
    batches.push({ files: current.map((n) => ({ fileName: n.name, base64: toBase64(n.bytes) })), problems: [] });
    current = [];
    bytes = 0;
  };
  for (const note of notes) {
    if (current.length > 0 && (current.length >= MAX_BATCH_FILES || bytes + note.bytes.length > MAX_BATCH_BYTES))
      flush();
    current.push(note);
    bytes += note.bytes.length;
  }
  if (current.length > 0 || batches.length === 0) flush();
  const [first] = batches;
  if (first) first.problems = problems;
  return batches;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
