// Worker thread entry (figures-off-thread.ts): computes one dashboard per message on its own read-only connection.
import { parentPort } from "node:worker_threads";
import { type Db, openReadOnlyDb } from "../../../db/client";
import type { FiguresAnswer, FiguresRequest } from "./figures-request";
import { dashboardOverview } from "./overview";
import { salesFigures } from "./sales";

const port = parentPort;
if (!port) throw new Error("figures-worker.ts runs as a worker thread (figures-off-thread.ts)");

// One connection per database file for the thread's life: tests run several databases in one process.
const connections = new Map<string, Db>();
const connection = (path: string) => {
  const db = connections.get(path) ?? openReadOnlyDb(path);
  connections.set(path, db);
  return db;
};

port.on("message", (request: FiguresRequest) => {
  let answer: FiguresAnswer;
  try {
    const db = connection(request.dbPath);
    const figures =
      request.kind === "overview"
        ? dashboardOverview(db, request.accountId, request.period, request.now)
        : salesFigures(db, request.accountId, request.chosen, request.now);
    answer = { ok: true, figures };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    answer = { ok: false, message: String(error), code: typeof code === "string" ? code : null };
  }
  port.postMessage(answer);
});
