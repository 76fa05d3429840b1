// What the Mirakl stand-in keeps beside the sandbox's orders: the tracking a shop sent (OR23) until it validates the
// shipment (OR24), and the documents it uploaded (OR74), so both survive a restart.
import type { SandboxStore } from "../../store";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS mirakl_tracking (
  code TEXT PRIMARY KEY,
  carrier_name TEXT NOT NULL,
  carrier_url TEXT,
  tracking_number TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mirakl_documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL,
  file_name TEXT NOT NULL,
  type_code TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mirakl_documents_code ON mirakl_documents (code);
`;

const ready = new WeakSet<SandboxStore>();

function tables(store: SandboxStore): SandboxStore {
  if (!ready.has(store)) {
    store.ensureTables(SCHEMA);
    ready.add(store);
  }
  return store;
}

export interface Tracking {
  carrier_name: string;
  carrier_url: string | null;
  tracking_number: string;
}

export function saveTracking(store: SandboxStore, code: string, tracking: Tracking): void {
  tables(store)
    .query(
      `INSERT INTO mirakl_tracking (code, carrier_name, carrier_url, tracking_number) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET carrier_name = excluded.carrier_name, carrier_url = excluded.carrier_url,
       tracking_number = excluded.tracking_number`,
    )
    .run(code, tracking.carrier_name, tracking.carrier_url, tracking.tracking_number);
}

export function trackingOf(store: SandboxStore, code: string): Tracking | null {
  return (
    (tables(store)
      .query("SELECT carrier_name, carrier_url, tracking_number FROM mirakl_tracking WHERE code = ?")
      .get(code) as Tracking | undefined) ?? null
  );
}

interface StoredDocument {
  id: number;
  code: string;
  file_name: string;
  type_code: string;
  size: number;
  uploaded_at: string;
}

export function saveDocument(store: SandboxStore, doc: Omit<StoredDocument, "id">): void {
  tables(store)
    .query("INSERT INTO mirakl_documents (code, file_name, type_code, size, uploaded_at) VALUES (?, ?, ?, ?, ?)")
    .run(doc.code, doc.file_name, doc.type_code, doc.size, doc.uploaded_at);
}

export function documentsOf(store: SandboxStore, code: string): StoredDocument[] {
  return tables(store)
    .query("SELECT id, code, file_name, type_code, size, uploaded_at FROM mirakl_documents WHERE code = ? ORDER BY id")
    .all(code) as StoredDocument[];
}
