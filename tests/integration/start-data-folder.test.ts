import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "fluxo-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm start`'s own program, run to its end; nothing is left running since it exits before starting any part. */
function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

it("npm start explains a data folder it cannot write in one pt-BR line, without a stack trace, and exits non-zero", async () => {
  // Root writes through any permission, so the unusable folder is one whose path runs through a file.
  const file = join(dir, "arquivo");
  writeFileSync(file, "");
  const result = await start({ DATABASE_PATH: join(file, "dados", "fluxo.db"), PORT: "0" });
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(
    `O caminho da pasta de dados ${join(file, "dados")} passa por um arquivo, não por uma pasta: aponte DATABASE_PATH para uma pasta gravável e inicie o Fluxo de novo.\n`,
  );
}, 60_000);
