"use client";

import { parseAsInteger, parseAsNumberLiteral, parseAsStringLiteral, useQueryStates } from "nuqs";
import { CHANNEL_IDS, type ChannelId } from "@/server/domain/channels/channels";
import { DIVERGENCE_KINDS, type DivergenceKind } from "@/server/domain/divergences/kinds";

/** "Open for more than…" choices, in hours: an hour is a slow marketplace, a day is a problem, three days an incident. */
export const AGE_OPTIONS = [1, 24, 72] as const;

// Same as the board: filters live in the URL (pt-BR names) so support can share a view of the queue.
const parsers = {
  conta: parseAsInteger,
  canal: parseAsStringLiteral(CHANNEL_IDS),
  tipo: parseAsStringLiteral(DIVERGENCE_KINDS),
  idade: parseAsNumberLiteral(AGE_OPTIONS),
};

export interface QueueFilters {
  accountId?: number;
  channel?: ChannelId;
  kind?: DivergenceKind;
  minAgeHours?: number;
}

export function useQueueUrlState() {
  const [state, setState] = useQueryStates(parsers, { history: "replace" });
  const filters: QueueFilters = {
    accountId: state.conta && state.conta > 0 ? state.conta : undefined,
    channel: state.canal ?? undefined,
    kind: state.tipo ?? undefined,
    minAgeHours: state.idade ?? undefined,
  };
  return { state, filters, setState };
}
