// The heavy, database-free half of adding files to a bulk import: one upload's zips opened and every note read as
// NF-e for the seller alone (the order comes later, in the transaction). Runs in a worker thread (upload-reader.ts).
import { type NfeXmlResult, readNfeXml } from "../invoice/nfe-xml";
import {
  type UploadBudget,
  type UploadEntry,
  type UploadedFile,
  type UploadLimit,
  unpackUploads,
} from "../invoice/xml-uploads";
import type { NfeMode } from "../orders/commands/invoice";

export type UploadReadRequest = {
  files: UploadedFile[];
  budget: UploadBudget;
  sellerCnpj: string;
  mode: NfeMode;
  now: Date;
};

export type ReadEntry =
  | Extract<UploadEntry, { ok: false }>
  | (Extract<UploadEntry, { ok: true }> & { read: NfeXmlResult });

/** `time`: the reader gave up (upload-reader.ts). */
export type UploadRead = { ok: true; entries: ReadEntry[] } | { ok: false; limit: UploadLimit | "time" };

export function readUpload(request: UploadReadRequest): UploadRead {
  const unpacked = unpackUploads(request.files, request.budget);
  if (!unpacked.ok) return unpacked;
  const context = { sellerCnpj: request.sellerCnpj, mode: request.mode, now: request.now };
  return {
    ok: true,
    entries: unpacked.entries.map((entry) => (entry.ok ? { ...entry, read: readNfeXml(entry.bytes, context) } : entry)),
  };
}
