import type Database from "better-sqlite3";

const FILLER = "disk_full_filler";

/**
 * The disk of `sqlite`'s connection made full, for real as far as SQLite goes: max_page_count caps the file at its
 * current size and a filler table takes every free page, so the next write that needs a page gets SQLITE_FULL
 * ("database or disk is full"), exactly as on a full disk. Returns what gives the space back.
 */
export function fillDisk(sqlite: Database.Database): () => void {
  const original = sqlite.pragma("max_page_count", { simple: true }) as number;
  sqlite.exec(`CREATE TABLE IF NOT EXISTS ${FILLER} (bytes BLOB)`);
  sqlite.pragma(`max_page_count = ${sqlite.pragma("page_count", { simple: true })}`);
  const insert = sqlite.prepare(`INSERT INTO ${FILLER} VALUES (zeroblob(?))`);
  // Large rows take the free pages, small ones the room left in the filler's own last pages.
  for (const size of [3000, 100]) {
    try {
      for (;;) insert.run(size);
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_FULL") throw error;
    }
  }
  return () => {
    sqlite.pragma(`max_page_count = ${original}`);
  };
}
