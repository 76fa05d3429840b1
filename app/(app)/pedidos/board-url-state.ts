"use client";

import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import type { BoardFilters, BoardSort } from "@/server/domain/orders/board-filters";
import { DEADLINE_URL_VALUES, BOARD_URL_KEYS as K } from "@/server/domain/orders/board-url";
import { DEADLINE_FILTERS } from "@/server/domain/orders/deadline-kinds";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { BOARD_REPLICATION_FILTERS } from "@/server/domain/replication/outbox-states";
import { isYmd } from "@/server/domain/time";

// The board's filters live in the URL (pt-BR names, shared with the dashboard's links and the CSV export)
// so a view can be bookmarked and shared.
const parsers = {
  [K.status]: parseAsStringLiteral(ORDER_STATUSES),
  [K.channels]: parseAsArrayOf(parseAsStringLiteral(CHANNEL_IDS)),
  [K.from]: parseAsString,
  [K.to]: parseAsString,
  [K.q]: parseAsString,
  [K.stuckForHours]: parseAsInteger,
  [K.lateDelivery]: parseAsStringLiteral(["1"]),
  [K.replication]: parseAsStringLiteral(BOARD_REPLICATION_FILTERS),
  [K.divergent]: parseAsStringLiteral(["1"]),
  [K.deadline]: parseAsStringLiteral(Object.values(DEADLINE_URL_VALUES)),
  [K.notCanceled]: parseAsStringLiteral(["1"]),
  // The list's order is the board's own, not a filter: the dashboard's links and the export do not carry it.
  ordem: parseAsStringLiteral(["prazo"]),
};

export function useBoardUrlState() {
  const [state, setState] = useQueryStates(parsers, { history: "replace" });
  const sort: BoardSort = state.ordem === "prazo" ? "deadline" : "placed";
  const deadline = DEADLINE_FILTERS.find((f) => DEADLINE_URL_VALUES[f] === state.prazo);
  const filters: BoardFilters = {
    status: state.status ?? undefined,
    channels: state.canal?.length ? state.canal : undefined,
    from: state.de && isYmd(state.de) ? state.de : undefined,
    to: state.ate && isYmd(state.ate) ? state.ate : undefined,
    q: state.busca?.trim() ? state.busca.trim() : undefined,
    stuckForHours: state.paradoHa && state.paradoHa > 0 ? state.paradoHa : undefined,
    lateDelivery: state.atrasado === "1" || undefined,
    replication: state.replicacao ?? undefined,
    divergent: state.divergente === "1" || undefined,
    deadline,
    notCanceled: state.semCancelados === "1" || undefined,
  };
  return { state, filters, sort, setState };
}

export type BoardUrlState = ReturnType<typeof useBoardUrlState>["state"];
export type SetBoardUrlState = ReturnType<typeof useBoardUrlState>["setState"];
