// Entry point: `npx tsx sandbox/server.ts`. Stands in for the six marketplaces in demos and tests.
// stdout carries exactly one line, the listening address, because tests parse it; everything else goes to stderr.
import "../server/runtime/survive-log-failures";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSandbox } from "./app";
import { loadConfig } from "./config";

function main(): void {
  const config = loadConfig();
  const sandbox = createSandbox(config);
  const server = createServer(sandbox.handle);
  // Keep-alive sockets would otherwise hold close() open until the client gives up.
  server.keepAliveTimeout = 5_000;

  let timer: NodeJS.Timeout | null = null;
  if (config.orderIntervalMs > 0) {
    timer = setInterval(() => {
      try {
        const result = sandbox.generator.tick();
        if (result.created + result.changed > 0) {
          console.error(`sandbox: tick ${result.tick}: ${result.created} created, ${result.changed} changed`);
        }
      } catch (cause) {
        console.error("sandbox: generator tick failed", cause);
      }
    }, config.orderIntervalMs);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`sandbox: ${signal}, shutting down`);
    if (timer) clearInterval(timer);
    server.close(() => {
      sandbox.close();
      process.exit(0);
    });
    server.closeAllConnections();
    // In-flight latency faults keep timers alive; never let them block the exit.
    setTimeout(() => {
      sandbox.close();
      process.exit(0);
    }, 2_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  server.on("error", (cause) => {
    console.error("sandbox: server error", cause);
    sandbox.close();
    process.exit(1);
  });
  server.listen(config.port, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`sandbox listening on http://127.0.0.1:${port}\n`);
  });
}

try {
  main();
} catch (cause) {
  console.error(`sandbox: ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(1);
}
