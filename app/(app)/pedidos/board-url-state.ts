"use client";

import { parseAsArrayOf, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import type { BoardFilters } from "@/server/domain/orders/board-filters";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { isYmd } from "@/server/domain/time";

// The board's filters live in the URL (pt-BR names) so a view can be bookmarked and shared.
const parsers = {
  status: parseAsStringLiteral(ORDER_STATUSES),
  canal: parseAsArrayOf(parseAsStringLiteral(CHANNEL_IDS)),
  de: parseAsString,
  ate: parseAsString,
  busca: parseAsString,
};

export function useBoardUrlState() {
  const [state, setState] = useQueryStates(parsers, { history: "replace" });
  const filters: BoardFilters = {
    status: state.status ?? undefined,
    channels: state.canal?.length ? state.canal : undefined,
    from: state.de && isYmd(state.de) ? state.de : undefined,
    to: state.ate && isYmd(state.ate) ? state.ate : undefined,
    q: state.busca?.trim() ? state.busca.trim() : undefined,
  };
  return { state, filters, setState };
}
