import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SandboxProcess {
  url: string;
  admin<T = unknown>(path: string, body?: unknown, method?: string): Promise<T>;
  stop(): Promise<void>;
}

/** The sandbox program as a child process on a free port with its own temporary database (tests, benchmarks). */
export async function startSandbox(options: {
  sellers: string[];
  faults?: Record<string, unknown>;
}): Promise<SandboxProcess> {
  const dir = mkdtempSync(join(tmpdir(), "fluxo-sandbox-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "sandbox/server.ts"], {
    env: {
      ...process.env,
      SANDBOX_PORT: "0",
      SANDBOX_DB: join(dir, "sandbox.db"),
      SANDBOX_SELLERS: options.sellers.join(","),
      SANDBOX_ORDER_INTERVAL_MS: "0",
      SANDBOX_SEED: "7",
      SANDBOX_FAULTS: JSON.stringify(options.faults ?? {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /sandbox listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });

  return {
    url,
    async admin<T>(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
      const res = await fetch(new URL(path, url), {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
