// Keeps the hub's parts running: a part that dies is started again after an exponentially growing pause, so one
// crash does not take the others down and a part that keeps crashing does not spin. Written here rather than taken
// from pm2 (a daemon of its own, outliving `npm start`), forever-monitor (a fixed pause) or respawn (unmaintained, no
// reset after a good run): none starts `node --import tsx` children with a readiness line and a clean stop as simply.
import { type ChildProcess, spawn as nodeSpawn, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";
import type { PartCrash, PartState, PartStatus } from "../server/runtime/parts-status";

export interface PartSpec {
  name: string;
  /** How log lines name it, in pt-BR with its article: "o worker". */
  label: string;
  /** Read at every start, so a restart can be told what the first start learned (the sandbox's port). */
  command: () => { args: string[]; env: Record<string, string | undefined> };
  /** A line on stdout saying the part serves; its stdout then passes through here. Without it, spawned is up. */
  ready?: RegExp;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A part that ran this long before dying is no longer crashing in a loop: its next pause starts over. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type Spawn = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

export interface SupervisorOptions {
  parts: PartSpec[];
  log: (line: string) => void;
  /** Where a piped part's stdout goes on to. */
  output: { write(text: string): unknown };
  onChange?: () => void;
  backoff?: Backoff;
  /** How long a part may take to stop before it is killed. */
  stopGraceMs?: number;
  spawn?: Spawn;
  clock?: Clock;
}

export interface Supervisor {
  /** Starts a part; resolves with its readiness line's match (null without one), rejects if it dies before that. */
  start(name: string): Promise<RegExpExecArray | null>;
  /** Stops every part with the signal (SIGKILL after the grace period) and restarts none of them. */
  stop(signal: NodeJS.Signals): Promise<void>;
  status(): Record<string, PartStatus>;
}

interface Part {
  spec: PartSpec;
  child: ChildProcess | null;
  state: PartState;
  restarts: number;
  lastCrash: PartCrash | null;
  crashesInARow: number;
  startedAt: number;
  everReady: boolean;
  restartTimer: unknown;
  firstStart: { resolve(match: RegExpExecArray | null): void; reject(error: Error): void } | null;
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function crashLine(label: string, crash: PartCrash, delayMs: number): string {
  const how = crash.signal ? `com o sinal ${crash.signal}` : `com o código ${crash.exitCode}`;
  const seconds = (delayMs / 1_000).toLocaleString("pt-BR", { maximumFractionDigits: 1 });
  return `${capitalized(label)} parou ${how}; o Fluxo o reinicia em ${seconds} s.`;
}

export function createSupervisor(options: SupervisorOptions): Supervisor {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const clock = options.clock ?? realClock;
  const spawn = options.spawn ?? nodeSpawn;
  const stopGraceMs = options.stopGraceMs ?? 15_000;
  const parts = new Map<string, Part>();
  let stopping = false;

  for (const spec of options.parts) {
    parts.set(spec.name, {
      spec,
      child: null,
      state: "stopped",
      restarts: 0,
      lastCrash: null,
      crashesInARow: 0,
      startedAt: 0,
      everReady: false,
      restartTimer: null,
      firstStart: null,
    });
  }

  const changed = () => options.onChange?.();

  function becameReady(part: Part, match: RegExpExecArray | null) {
    part.state = "up";
    part.everReady = true;
    part.firstStart?.resolve(match);
    part.firstStart = null;
    changed();
  }

  function launch(part: Part) {
    const { args, env } = part.spec.command();
    const ready = part.spec.ready;
    const child = spawn(process.execPath, args, {
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", ready ? "pipe" : "inherit", "inherit"],
    });
    part.child = child;
    part.startedAt = clock.now();
    part.state = "starting";
    child.once("exit", (code, signal) => exited(part, child, code, signal));
    // A child that could not be spawned at all emits only "error".
    child.on("error", () => {
      if (child.pid === undefined) exited(part, child, null, null);
    });
    if (!ready || !child.stdout) {
      becameReady(part, null);
      return;
    }
    createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
      options.output.write(`${line}\n`);
      if (part.state !== "starting" || part.child !== child) return;
      const match = ready.exec(line);
      if (match) becameReady(part, match);
    });
    changed();
  }

  function exited(part: Part, child: ChildProcess, exitCode: number | null, signal: NodeJS.Signals | null) {
    if (part.child !== child) return;
    part.child = null;
    if (stopping) {
      // A first start cut short here is left unsettled: `npm start` is on its way out and must not report a failure.
      part.state = "stopped";
      changed();
      return;
    }
    const now = clock.now();
    part.lastCrash = { at: now, exitCode, signal };
    if (!part.everReady) {
      // Never served yet: a wrong setup (a port taken, a missing build) that restarting would only repeat.
      part.state = "stopped";
      const how = signal ? `o sinal ${signal}` : `o código ${exitCode}`;
      part.firstStart?.reject(
        new Error(
          `${capitalized(part.spec.label)} não iniciou (terminou com ${how}): corrija o erro mostrado acima e inicie o Fluxo de novo.`,
        ),
      );
      part.firstStart = null;
      changed();
      return;
    }
    part.crashesInARow = now - part.startedAt >= backoff.resetAfterMs ? 1 : part.crashesInARow + 1;
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (part.crashesInARow - 1));
    part.state = "restarting";
    options.log(crashLine(part.spec.label, part.lastCrash, delay));
    part.restartTimer = clock.setTimeout(() => {
      part.restartTimer = null;
      part.restarts += 1;
      launch(part);
    }, delay);
    changed();
  }

  function partNamed(name: string): Part {
    const part = parts.get(name);
    if (!part) throw new Error(`No part named ${name}`);
    return part;
  }

  return {
    start(name) {
      const part = partNamed(name);
      if (stopping || part.child) throw new Error(`Part ${name} is already started or the hub is stopping`);
      const started = new Promise<RegExpExecArray | null>((resolve, reject) => {
        part.firstStart = { resolve, reject };
      });
      launch(part);
      return started;
    },

    async stop(signal) {
      stopping = true;
      const exits: Promise<unknown>[] = [];
      for (const part of parts.values()) {
        if (part.restartTimer !== null) clock.clearTimeout(part.restartTimer);
        part.restartTimer = null;
        const child = part.child;
        if (!child || !isRunning(child)) {
          part.state = "stopped";
          continue;
        }
        exits.push(
          new Promise<void>((resolve) => {
            const killer = clock.setTimeout(() => child.kill("SIGKILL"), stopGraceMs);
            child.once("exit", () => {
              clock.clearTimeout(killer);
              resolve();
            });
          }),
        );
        child.kill(signal);
      }
      changed();
      await Promise.all(exits);
    },

    status() {
      const out: Record<string, PartStatus> = {};
      for (const [name, part] of parts) {
        out[name] = { state: part.state, restarts: part.restarts, lastCrash: part.lastCrash };
      }
      return out;
    },
  };
}
