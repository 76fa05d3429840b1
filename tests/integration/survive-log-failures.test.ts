import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MODULE = fileURLToPath(new URL("../../server/runtime/survive-log-failures.ts", import.meta.url));

// Logs a lot once told to on stdin, as `npm start` relays its children's output, then says on stderr (written
// directly, not through the stream under test) whether its stdout was torn down; the last write's callback marks
// every earlier one done, and the process then ends on its own, so an 'error' left unheard still kills it. No
// console.log: its own write callback quietly listens for the stream's error, which would hide the failure.
const LOGGER = `
const { writeSync } = require("node:fs");
process.stdin.once("data", () => {
  for (let i = 0; i < 20; i++) process.stdout.write("linha de log do Fluxo\\n".repeat(2000));
  process.stdout.write("fim\\n", () => setImmediate(() => {
    writeSync(2, "vivo; stdout destruído: " + process.stdout.destroyed + "\\n");
  }));
});
`;

interface Outcome {
  code: number | null;
  stderr: string;
}

/** The logger, with or without the module, its stdout `stdout` (a file descriptor, or a pipe this side closes). */
function runLogger(options: { survive: boolean; stdout: number | "closed-pipe" }): Promise<Outcome> {
  const preload = options.survive ? ["--import", "tsx", "--import", MODULE] : [];
  const child = spawn(process.execPath, [...preload, "-e", LOGGER], {
    stdio: ["pipe", options.stdout === "closed-pipe" ? "pipe" : options.stdout, "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const outcome = new Promise<Outcome>((resolve) => child.once("close", (code) => resolve({ code, stderr })));
  const go = () => child.stdin?.end("go\n");
  // The reader goes away before the first line is written: every write meets a pipe with no reader (EPIPE).
  if (child.stdout) {
    child.stdout.once("close", go);
    child.stdout.destroy();
  } else {
    go();
  }
  return outcome;
}

describe("a process whose log cannot be written", () => {
  it("dies of EPIPE on a pipe whose reader left, without the module", async () => {
    const { code, stderr } = await runLogger({ survive: false, stdout: "closed-pipe" });
    expect(code).not.toBe(0);
    expect(stderr).toContain("EPIPE");
  });

  it("keeps running with the module, when the pipe's reader left", async () => {
    const { code, stderr } = await runLogger({ survive: true, stdout: "closed-pipe" });
    expect(stderr).toMatch(/^vivo; /);
    expect(code).toBe(0);
  });

  // /dev/full answers every write with ENOSPC, as a log file on a full disk does.
  it("dies of ENOSPC on a full disk without the module, and keeps running and writing with it", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const without = await runLogger({ survive: false, stdout: full });
      expect(without.code).not.toBe(0);
      expect(without.stderr).toContain("ENOSPC");
      const withModule = await runLogger({ survive: true, stdout: full });
      // The stream survives the failed writes, so lines go out again once the disk has room.
      expect(withModule.stderr).toBe("vivo; stdout destruído: false\n");
      expect(withModule.code).toBe(0);
    } finally {
      closeSync(full);
    }
  });
});
