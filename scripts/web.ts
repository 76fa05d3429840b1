// The hub's web server: Next for pages, auth and downloads, and the tRPC API on the same port in front of it.
// Usage: tsx scripts/web.ts [--dev]
import { createServer } from "node:http";
import next from "next";
import { createTrpcRequestHandler, TRPC_PATH } from "../server/http/trpc-handler";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);

const handleTrpc = createTrpcRequestHandler();
const server = createServer((req, res) => {
  if (req.url?.startsWith(TRPC_PATH)) handleTrpc(req, res);
  else void handleNext(req, res);
});
const app = next({ dev, port, hostname: "localhost", httpServer: server });
const handleNext = app.getRequestHandler();
await app.prepare();
server.listen(port, () => console.log(`[web] ouvindo em http://localhost:${port}${dev ? " (desenvolvimento)" : ""}`));

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
