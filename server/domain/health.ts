import { PARTS_STATUS_EVERY_MS, type PartState, type PartsStatus } from "../runtime/parts-status";
import type { OnItsWay } from "./replication/outbox-states";

/** A status file older than this has no live supervisor behind it (`npm start` was killed, or never ran). */
export const PARTS_STATUS_STALE_MS = 3 * PARTS_STATUS_EVERY_MS;

const LABELS: Record<string, string> = {
  web: "O servidor web",
  worker: "O worker",
  sandbox: "O sandbox de marketplaces",
  "erp-api": "A API para ERP",
};

export interface PartHealth {
  up: boolean;
  state: PartState | "unknown";
  restarts: number;
  lastCrash: { at: string; exitCode: number | null; signal: string | null } | null;
  description: string;
}

export interface HubHealth {
  whole: boolean;
  description: string;
  parts: Record<string, PartHealth>;
  outbox: {
    pending: number;
    sent: number;
    retrying: number;
    oldestAt: string | null;
    oldestAgeSeconds: number | null;
    /** Updates older than a day neither acknowledged nor rejected (server/domain/replication/stale-updates.ts). */
    stale: number;
  } | null;
}

export interface HealthInput {
  now: number;
  parts: PartsStatus | null;
  /** Null when the database could not be read. */
  backlog: { counts: Record<OnItsWay, number>; oldestCreatedAt: Date | null; stale: number } | null;
}

function describePart(name: string, state: PartHealth["state"]): string {
  const label = LABELS[name] ?? name;
  switch (state) {
    case "up":
      return `${label} está no ar.`;
    case "starting":
      return `${label} está iniciando; aguarde alguns segundos.`;
    case "restarting":
      return `${label} parou e o Fluxo o reinicia sozinho; aguarde alguns segundos.`;
    case "stopped":
      return `${label} está parado; inicie o Fluxo de novo com npm start.`;
    case "unknown":
      return `${label} não dá notícias; inicie o Fluxo com npm start, que mantém cada parte no ar.`;
  }
}

function part(name: string, state: PartHealth["state"], status?: PartsStatus["parts"][string]): PartHealth {
  const crash = status?.lastCrash;
  return {
    up: state === "up",
    state,
    restarts: status?.restarts ?? 0,
    lastCrash: crash ? { at: new Date(crash.at).toISOString(), exitCode: crash.exitCode, signal: crash.signal } : null,
    description: describePart(name, state),
  };
}

/**
 * Whether the hub is whole: the web server (answering this, so up), the worker and every other part the supervisor
 * runs up, and the database readable. A status the supervisor stopped refreshing says nothing about the parts.
 */
export function assessHealth(input: HealthInput): HubHealth {
  const fresh = input.parts && input.now - input.parts.writtenAt <= PARTS_STATUS_STALE_MS ? input.parts : null;
  const names = new Set(["web", "worker", ...Object.keys(input.parts?.parts ?? {})]);
  const parts: Record<string, PartHealth> = {};
  for (const name of names) {
    const status = input.parts?.parts[name];
    const state = name === "web" ? "up" : fresh && status ? status.state : "unknown";
    parts[name] = part(name, state, status);
  }

  const backlog = input.backlog;
  const oldest = backlog?.oldestCreatedAt ?? null;
  const down = Object.values(parts).find((p) => !p.up);
  const description = !backlog
    ? "O Fluxo não conseguiu ler o banco de dados; verifique o disco do servidor."
    : (down?.description ?? "O Fluxo está inteiro: todas as partes estão no ar.");
  return {
    whole: !down && backlog !== null,
    description,
    parts,
    outbox: backlog && {
      ...backlog.counts,
      oldestAt: oldest?.toISOString() ?? null,
      oldestAgeSeconds: oldest ? Math.max(0, Math.floor((input.now - oldest.getTime()) / 1_000)) : null,
      stale: backlog.stale,
    },
  };
}
