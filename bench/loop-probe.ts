// Preloaded into the web server by bench/upload-stall.ts (node --import): the server process's own event-loop
// delay. On SIGUSR2 it writes the delay seen since the previous signal to LOOP_PROBE_FILE and starts over, so the
// benchmark reads exactly its measured window.
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.LOOP_PROBE_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  process.on("SIGUSR2", () => {
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    writeFileSync(file, JSON.stringify({ maxMs: ms(delay.max), p99Ms: ms(delay.percentile(99)) }));
    delay.reset();
  });
}
