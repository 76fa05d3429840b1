// The browser side of a bulk upload: files become base64 in batches small enough for one request each, so the
// progress bar moves as the server reads them.
const MAX_BATCH_FILES = 10;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export type EncodedFile = { fileName: string; base64: string };

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export async function encodeFile(file: File): Promise<EncodedFile> {
  return { fileName: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** Groups files by count and size; a file bigger than the size limit travels alone. */
export function batchFiles(files: File[]): File[][] {
  const batches: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= MAX_BATCH_FILES || bytes + file.size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
