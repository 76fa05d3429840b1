// How each engine says what went wrong, read in one place: SQLite names a broken unique rule by its columns
// ("UNIQUE constraint failed: invoices.access_key"), PostgreSQL by code 23505 and the index's name
// ("invoices_access_key_unique"). Drizzle wraps the driver's error, so the causes are walked.

function* causes(error: unknown): Generator<Error & { code?: unknown; constraint?: unknown; severity?: unknown }> {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    yield current;
  }
}

/** Whether `error` is a write refused because `table.column` must be unique. */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  for (const e of causes(error)) {
    if (/UNIQUE constraint failed/.test(e.message) && e.message.includes(`${table}.${column}`)) return true;
    if (e.code === "23505" && typeof e.constraint === "string" && e.constraint.startsWith(`${table}_${column}`)) {
      return true;
    }
  }
  return false;
}

/** Whether `error` came from the database itself (unreadable file, lost server), not from the code that asked. */
export function isDatabaseFailure(error: unknown): boolean {
  for (const e of causes(error)) {
    const code = typeof e.code === "string" ? e.code : "";
    if (code.startsWith("SQLITE_")) return true;
    // PostgreSQL's own errors carry a severity; a server that cannot be reached, a socket error code.
    if (
      typeof e.severity === "string" ||
      /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|FLUXO_PG_CLOSED)$/.test(code)
    ) {
      return true;
    }
  }
  return false;
}
