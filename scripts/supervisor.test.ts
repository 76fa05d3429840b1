import { type ChildProcess, execFileSync } from "node:child_process";
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type Clock, createSupervisor, type PartSpec, type Spawn, type SupervisorOptions } from "./supervisor";

/** A child process the test ends by hand: `crash` as the OS would report it, `kill` recorded (and obeyed if told). */
class FakeChild extends EventEmitter {
  stdout: PassThrough | null;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  pid: number;
  signals: NodeJS.Signals[] = [];
  constructor(
    readonly args: string[],
    readonly env: Record<string, string | undefined>,
    piped: boolean,
    pid: number,
    readonly obeys: boolean,
  ) {
    super();
    this.stdout = piped ? new PassThrough() : null;
    this.pid = pid;
  }
  print(line: string) {
    this.stdout?.write(`${line}\n`);
  }
  crash(exitCode: number | null, signal: NodeJS.Signals | null = null) {
    this.exitCode = exitCode;
    this.signalCode = signal;
    this.emit("exit", exitCode, signal);
  }
  kill(signal: NodeJS.Signals = "SIGTERM") {
    this.signals.push(signal);
    if (this.obeys || signal === "SIGKILL") this.crash(null, signal);
    return true;
  }
}

class FakeClock implements Clock {
  private time = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now() {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time);
  }
  advance(ms: number) {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id);
        timer.fn();
      }
    }
  }
}

function harness(specs: PartSpec[], overrides: Partial<SupervisorOptions> = {}, obeys = true) {
  const children: FakeChild[] = [];
  const lines: string[] = [];
  const output: string[] = [];
  const clock = new FakeClock();
  const spawn: Spawn = (_command, args, options) => {
    const piped = Array.isArray(options.stdio) && options.stdio[1] === "pipe";
    const child = new FakeChild(args, options.env ?? {}, piped, 1000 + children.length, obeys);
    children.push(child);
    return child as unknown as ChildProcess;
  };
  const supervisor = createSupervisor({
    parts: specs,
    log: (line) => lines.push(line),
    output: { write: (text: string) => output.push(text) },
    backoff: { initialMs: 1_000, maxMs: 8_000, resetAfterMs: 60_000 },
    spawn,
    clock,
    ...overrides,
  });
  const of = (script: string) => children.filter((c) => c.args.includes(script));
  return { supervisor, children, of, lines, output, clock };
}

const worker: PartSpec = {
  name: "worker",
  label: "o worker",
  command: () => ({ args: ["worker.js"], env: {} }),
  ready: /em execução/,
};
const web: PartSpec = { name: "web", label: "o servidor web", command: () => ({ args: ["web.js"], env: {} }) };

/** Lets the readline interface deliver what a fake child printed. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** This test process's children running a one-line script, oldest first. */
function scriptChildren(): number[] {
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid), "--sort=start_time"], {
    encoding: "utf8",
  });
  return out
    .split("\n")
    .filter((line) => line.includes(" -e "))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe("supervisor", () => {
  it("a part is up once it prints its readiness line, and its output goes on to the hub's", async () => {
    const { supervisor, of, output } = harness([worker]);
    const started = supervisor.start("worker");
    expect(supervisor.status().worker?.state).toBe("starting");
    of("worker.js")[0]?.print("[worker] w1 em execução");
    const match = await started;
    expect(match?.[0]).toBe("em execução");
    expect(supervisor.status().worker).toEqual({ state: "up", restarts: 0, lastCrash: null });
    expect(output).toEqual(["[worker] w1 em execução\n"]);
  });

  it("a part that dies is logged in one pt-BR line and restarted after the back-off, the others untouched", async () => {
    const { supervisor, of, lines, clock } = harness([worker, web]);
    const started = supervisor.start("worker");
    of("worker.js")[0]?.print("em execução");
    await started;
    await supervisor.start("web");

    clock.advance(5_000);
    of("worker.js")[0]?.crash(null, "SIGKILL");
    expect(lines).toEqual(["O worker parou com o sinal SIGKILL; o Fluxo o reinicia em 1 s."]);
    expect(supervisor.status().worker).toEqual({
      state: "restarting",
      restarts: 0,
      lastCrash: { at: 5_000, exitCode: null, signal: "SIGKILL" },
    });
    expect(of("worker.js")).toHaveLength(1);
    expect(of("web.js")[0]?.signals).toEqual([]);

    clock.advance(999);
    expect(of("worker.js")).toHaveLength(1);
    clock.advance(1);
    expect(of("worker.js")).toHaveLength(2);
    expect(supervisor.status().worker?.state).toBe("starting");
    of("worker.js")[1]?.print("em execução");
    await flush();
    expect(supervisor.status().worker).toMatchObject({ state: "up", restarts: 1 });
    expect(supervisor.status().web?.state).toBe("up");
  });

  it("the pause doubles while a part keeps crashing, up to the ceiling, and starts over after a good run", async () => {
    const { supervisor, of, lines, clock } = harness([web]);
    await supervisor.start("web");
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      of("web.js").at(-1)?.crash(1);
      delays.push(...clock.pending());
      clock.advance(clock.pending()[0] ?? 0);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(lines[0]).toBe("O servidor web parou com o código 1; o Fluxo o reinicia em 1 s.");

    clock.advance(60_000);
    of("web.js").at(-1)?.crash(1);
    expect(clock.pending()).toEqual([1_000]);
    expect(supervisor.status().web?.restarts).toBe(5);
  });

  it("each start reads the part's command again, so a restart can be told what the first start learned", async () => {
    let port = "0";
    const sandbox: PartSpec = {
      name: "sandbox",
      label: "o sandbox de marketplaces",
      command: () => ({ args: ["sandbox.js"], env: { SANDBOX_PORT: port } }),
      ready: /listening on (\S+)/,
    };
    const { supervisor, of, clock } = harness([sandbox]);
    const started = supervisor.start("sandbox");
    of("sandbox.js")[0]?.print("listening on http://127.0.0.1:4567");
    const match = await started;
    port = new URL(match?.[1] ?? "").port;
    of("sandbox.js")[0]?.crash(1);
    clock.advance(1_000);
    expect(of("sandbox.js").map((c) => c.env.SANDBOX_PORT)).toEqual(["0", "4567"]);
  });

  it("a part that dies before it was ever ready fails the start and is not restarted", async () => {
    const { supervisor, of, lines, clock } = harness([worker]);
    const started = supervisor.start("worker");
    of("worker.js")[0]?.crash(1);
    await expect(started).rejects.toThrow(
      "O worker não iniciou (terminou com o código 1): corrija o erro mostrado acima e inicie o Fluxo de novo.",
    );
    clock.advance(60_000);
    expect(of("worker.js")).toHaveLength(1);
    expect(lines).toEqual([]);
    expect(supervisor.status().worker?.state).toBe("stopped");
  });

  it("stop signals every running part, cancels a pending restart and restarts nothing", async () => {
    const { supervisor, of, clock } = harness([worker, web]);
    const started = supervisor.start("worker");
    of("worker.js")[0]?.print("em execução");
    await started;
    await supervisor.start("web");
    of("worker.js")[0]?.crash(null, "SIGSEGV");

    await supervisor.stop("SIGINT");
    expect(of("web.js")[0]?.signals).toEqual(["SIGINT"]);
    clock.advance(60_000);
    expect(of("worker.js")).toHaveLength(1);
    expect(supervisor.status()).toMatchObject({ worker: { state: "stopped" }, web: { state: "stopped" } });
  });

  it("a part that ignores the stop signal is killed once the grace period is over", async () => {
    const { supervisor, of, clock } = harness([web], { stopGraceMs: 10_000 }, false);
    await supervisor.start("web");
    const stopped = supervisor.stop("SIGTERM");
    expect(of("web.js")[0]?.signals).toEqual(["SIGTERM"]);
    clock.advance(10_000);
    await stopped;
    expect(of("web.js")[0]?.signals).toEqual(["SIGTERM", "SIGKILL"]);
  });

  it("with real node children: a killed part comes back with a new process and stop leaves none behind", async () => {
    const serve = (name: string): PartSpec => ({
      name,
      label: `o ${name}`,
      command: () => ({ args: ["-e", `console.log("${name} pronto"); setInterval(() => {}, 1000)`], env: {} }),
      ready: new RegExp(`${name} pronto`),
    });
    const restarted: string[] = [];
    let comeBack = () => {};
    const back = new Promise<void>((resolve) => {
      comeBack = resolve;
    });
    const supervisor = createSupervisor({
      parts: [serve("worker"), serve("web")],
      log: (line) => restarted.push(line),
      output: { write: () => true },
      backoff: { initialMs: 100, maxMs: 100, resetAfterMs: 60_000 },
      onChange: () => {
        if (supervisor.status().worker?.restarts === 1 && supervisor.status().worker?.state === "up") comeBack();
      },
    });
    const pids = () => scriptChildren();
    try {
      await supervisor.start("worker");
      await supervisor.start("web");
      const [first] = pids();
      expect(pids()).toHaveLength(2);
      process.kill(first ?? 0, "SIGKILL");
      await back;
      expect(restarted).toEqual(["O worker parou com o sinal SIGKILL; o Fluxo o reinicia em 0,1 s."]);
      expect(pids()).toHaveLength(2);
      expect(pids()).not.toContain(first);
    } finally {
      await supervisor.stop("SIGTERM");
    }
    expect(pids()).toEqual([]);
  });
});
