// One web server process: Next for pages, auth and downloads, and the tRPC API on the same port in front of it.
import { createServer } from "node:http";
import type { Socket } from "node:net";
import next from "next";

/** Serves on `port` until SIGTERM or SIGINT; `onListening` runs once the port takes connections. */
export async function serveWeb(options: { dev: boolean; port: number; onListening: () => void }): Promise<void> {
  const { dev, port } = options;
  // Read when the API's modules load (security headers, tRPC's error details), so set before importing them.
  (process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? "development" : "production";
  const { createTrpcRequestHandler, TRPC_PATH } = await import("../server/http/trpc-handler");
  const { pinClientAddress, trustedProxiesFromEnv } = await import("../server/http/client-address");

  const handleTrpc = createTrpcRequestHandler();
  const trustedProxies = trustedProxiesFromEnv();
  const server = createServer((req, res) => {
    // The sign-in rate limit counts attempts per address: it must be one the client cannot choose.
    pinClientAddress(req, trustedProxies);
    if (req.url?.startsWith(TRPC_PATH)) {
      handleTrpc(req, res);
      return;
    }
    handleNext(req, res).catch((error: unknown) => {
      console.error("Next request failed", error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // Upgraded connections (the dev server's live reload) are not closed by closeAllConnections.
  const upgraded = new Set<Socket>();
  server.on("upgrade", (_req, socket: Socket) => {
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
  });
  const app = next({ dev, port, hostname: "localhost", httpServer: server });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  server.listen(port, options.onListening);

  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.close(() => process.exit(0));
      server.closeAllConnections();
      for (const socket of upgraded) socket.destroy();
      // Whatever still holds the server open (a request mid-way) gets a moment, not a hung shutdown.
      setTimeout(() => process.exit(0), 3_000).unref();
    });
  }
}
