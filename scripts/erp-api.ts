// The SkyHub-compatible ERP API on its own port (ERP_API_PORT, 3001 by default): SkyHub clients are configured with
// an origin only and build every path from its root, so it cannot live under the web server's /api.
import "../server/runtime/survive-log-failures";
import { dirname, resolve } from "node:path";
import { closeDb, databasePath, openLongLivedDb } from "../db/client";
import { describeStorageError } from "../server/domain/storage-errors";
import { createErpApiServer } from "../server/erp-api/server";

function openDatabase() {
  try {
    return openLongLivedDb();
  } catch (error) {
    const line = describeStorageError(error, dirname(resolve(databasePath())));
    if (!line) throw error;
    console.error(`[erp-api] ${line}`);
    process.exit(1);
  }
}

const db = openDatabase();
const port = Number(process.env.ERP_API_PORT ?? 3001);
const server = createErpApiServer(db, { log: (line) => console.log(`[erp-api] ${line}`) });
server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `[erp-api] A porta ${port} já está em uso: encerre o outro programa ou defina ERP_API_PORT.`
      : `[erp-api] ${error.message}`,
  );
  process.exit(1);
});
server.listen(port, () => console.log(`[erp-api] ouvindo em http://localhost:${port}`));

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      closeDb(db);
      process.exit(0);
    });
    server.closeAllConnections();
  });
}
