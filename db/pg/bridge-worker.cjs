// The thread that holds the PostgreSQL connections of a process and answers the synchronous client
// (db/pg/sync-client.ts): the caller's thread sleeps on a shared word until the answer is on its port.
// Plain CommonJS so that it loads the same way under tsx, Vitest, Next's server bundle and inside other threads.
const { workerData } = require("node:worker_threads");
const pg = require("pg");

// Counts and epoch-millisecond columns are bigint, sums of them numeric; the app reads both as numbers, as
// SQLite gives them (every value it stores stays far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

const { signal, port } = workerData;
const connections = new Map();

/** Structured cloning turns a Buffer into a plain Uint8Array; pg sends only Buffers as bytea. */
const asParam = (value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value);

async function answer(op, id, text, values, arrayMode) {
  if (op === "open") {
    const client = new pg.Client({ connectionString: text, ...values });
    // A connection lost between calls surfaces on the next query; without a listener it would end the thread.
    client.on("error", () => {});
    await client.connect();
    connections.set(id, client);
    return null;
  }
  const client = connections.get(id);
  if (!client) throw Object.assign(new Error("The database connection is not open"), { code: "FLUXO_PG_CLOSED" });
  if (op === "close") {
    connections.delete(id);
    await client.end();
    return null;
  }
  if (op === "exec") {
    await client.query(text);
    return null;
  }
  const result = await client.query({ text, values: values.map(asParam), rowMode: arrayMode ? "array" : undefined });
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

// What of an error crosses back: its words, and the fields the data layer reads (db/errors.ts).
const FIELDS = ["code", "severity", "constraint", "detail", "table", "column"];

port.on("message", async ({ seq, op, id, text, values, arrayMode }) => {
  let message;
  try {
    message = { seq, result: await answer(op, id, text, values, arrayMode) };
  } catch (error) {
    const fields = Object.fromEntries(FIELDS.filter((f) => error?.[f] !== undefined).map((f) => [f, error[f]]));
    // The statement travels with the error (not in its message, which a log line may show) for whoever debugs it.
    message = { seq, error: { message: String(error?.message ?? error), ...fields, query: text } };
  }
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
