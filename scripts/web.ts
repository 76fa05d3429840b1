// The hub's web server on PORT: one process per core (WEB_PROCESSES) sharing the port, each serving Next for
// pages, auth and downloads and the tRPC API in front of it (scripts/web-server.ts, scripts/web-cluster.ts).
// Prints "[web] ouvindo em http://localhost:PORT" once every process listens; SIGTERM stops them all.
// Usage: tsx scripts/web.ts [--dev]
import "../server/runtime/survive-log-failures";
import cluster from "node:cluster";
import { superviseWebProcesses, webProcessCount } from "./web-cluster";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const announce = () => console.log(`[web] ouvindo em http://localhost:${port}${dev ? " (desenvolvimento)" : ""}`);
// The dev server rebuilds pages in the process that serves them: one is enough, and two would race.
const processes = dev ? 1 : webProcessCount();
if (processes === null) {
  console.error(
    `[web] WEB_PROCESSES deve ser um número inteiro a partir de 1; corrija o valor "${process.env.WEB_PROCESSES}".`,
  );
  process.exit(2);
}

if (cluster.isPrimary && processes > 1) superviseWebProcesses(processes, announce);
else {
  // Only the processes that serve load Next.
  const { serveWeb } = await import("./web-server");
  await serveWeb({ dev, port, onListening: cluster.isPrimary ? announce : () => {} });
}
