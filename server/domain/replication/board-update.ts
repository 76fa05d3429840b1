import { formatDateTime } from "../format";
import { awaitsConfirmation } from "./awaiting-confirmation";
import { UPDATE_KIND_LABELS } from "./labels";
import type { OutboxState } from "./outbox-states";

export interface UpdateMoment {
  orderId: number;
  id: number;
  kind: string;
  state: OutboxState;
  /** When the update last changed state: queued, sent, confirmed or refused. */
  at: number;
  lastError: string | null;
}

export type LatestUpdate = Omit<UpdateMoment, "orderId" | "id" | "lastError"> & {
  /** Taken by the marketplace, which confirms it later: not a failure waiting for another try. */
  awaiting: boolean;
};

/** Each order's newest update that still speaks for it (a discarded one was replaced or will never go). */
export function latestUpdatePerOrder(moments: readonly UpdateMoment[]): Map<number, LatestUpdate> {
  const latest = new Map<number, UpdateMoment>();
  for (const m of moments) {
    if (m.state === "discarded") continue;
    const seen = latest.get(m.orderId);
    if (!seen || m.id > seen.id) latest.set(m.orderId, m);
  }
  return new Map(
    [...latest].map(([orderId, m]) => [
      orderId,
      { kind: m.kind, state: m.state, at: m.at, awaiting: awaitsConfirmation(m) },
    ]),
  );
}

// Same words as the order page's replication rows (the feminine agrees with "atualização"), short enough for a row.
const STATE_WORDS: Record<OutboxState, (at: string) => string> = {
  held: () => "retida até os dados de envio",
  pending: () => "na fila para o marketplace",
  sent: (at) => `enviada em ${at}, aguardando resposta`,
  retrying: () => "nova tentativa agendada",
  acknowledged: (at) => `confirmada em ${at}`,
  rejected: (at) => `recusada em ${at}`,
  discarded: () => "descartada",
};

/** One line for the board: what the order's last update to the marketplace is and when it was sent or confirmed. */
export function latestUpdateLine(update: LatestUpdate): string {
  const kind = UPDATE_KIND_LABELS[update.kind] ?? "Atualização";
  if (update.awaiting) return `${kind}: recebida em ${formatDateTime(update.at)}, aguardando confirmação`;
  return `${kind}: ${STATE_WORDS[update.state](formatDateTime(update.at))}`;
}
