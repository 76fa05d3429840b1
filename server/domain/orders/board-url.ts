import { CHANNEL_IDS, type ChannelId } from "../channels/channels";
import { BOARD_REPLICATION_FILTERS, type BoardReplicationFilter } from "../replication/outbox-states";
import { isYmd } from "../time";
import type { BoardFilters } from "./board-filters";
import type { DeadlineFilter } from "./deadline-kinds";
import { isOrderStatus } from "./status";

/**
 * The board's filters as they appear in its URL (pt-BR names), read the same way by the board, the
 * dashboard's links and the CSV export, so a link always means exactly one set of orders.
 */
export const BOARD_URL_KEYS = {
  status: "status",
  channels: "canal",
  from: "de",
  to: "ate",
  q: "busca",
  stuckForHours: "paradoHa",
  lateDelivery: "atrasado",
  replication: "replicacao",
  divergent: "divergente",
  deadline: "prazo",
  notCanceled: "semCancelados",
} as const;

/** The deadline filter's values in the URL. */
export const DEADLINE_URL_VALUES: Record<DeadlineFilter, string> = { late: "atrasados", today: "hoje" };

function deadlineFromUrl(value: string | undefined): DeadlineFilter | undefined {
  return (Object.keys(DEADLINE_URL_VALUES) as DeadlineFilter[]).find((f) => DEADLINE_URL_VALUES[f] === value);
}

export function boardFiltersFromParams(params: URLSearchParams): BoardFilters {
  const get = (key: string) => params.get(key)?.trim() || undefined;
  const status = get(BOARD_URL_KEYS.status);
  const channels = (get(BOARD_URL_KEYS.channels) ?? "")
    .split(",")
    .filter((c): c is ChannelId => (CHANNEL_IDS as readonly string[]).includes(c));
  const from = get(BOARD_URL_KEYS.from);
  const to = get(BOARD_URL_KEYS.to);
  const hours = Number(get(BOARD_URL_KEYS.stuckForHours));
  const replication = get(BOARD_URL_KEYS.replication);
  return {
    status: status && isOrderStatus(status) ? status : undefined,
    channels: channels.length ? channels : undefined,
    from: from && isYmd(from) ? from : undefined,
    to: to && isYmd(to) ? to : undefined,
    q: get(BOARD_URL_KEYS.q)?.slice(0, 100),
    stuckForHours: Number.isInteger(hours) && hours > 0 ? hours : undefined,
    lateDelivery: get(BOARD_URL_KEYS.lateDelivery) === "1" || undefined,
    replication: (BOARD_REPLICATION_FILTERS as readonly string[]).includes(replication ?? "")
      ? (replication as BoardReplicationFilter)
      : undefined,
    divergent: get(BOARD_URL_KEYS.divergent) === "1" || undefined,
    deadline: deadlineFromUrl(get(BOARD_URL_KEYS.deadline)),
    notCanceled: get(BOARD_URL_KEYS.notCanceled) === "1" || undefined,
  };
}

export function boardUrl(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set(BOARD_URL_KEYS.status, filters.status);
  if (filters.channels?.length) params.set(BOARD_URL_KEYS.channels, filters.channels.join(","));
  if (filters.from) params.set(BOARD_URL_KEYS.from, filters.from);
  if (filters.to) params.set(BOARD_URL_KEYS.to, filters.to);
  if (filters.q) params.set(BOARD_URL_KEYS.q, filters.q);
  if (filters.stuckForHours) params.set(BOARD_URL_KEYS.stuckForHours, String(filters.stuckForHours));
  if (filters.lateDelivery) params.set(BOARD_URL_KEYS.lateDelivery, "1");
  if (filters.replication) params.set(BOARD_URL_KEYS.replication, filters.replication);
  if (filters.divergent) params.set(BOARD_URL_KEYS.divergent, "1");
  if (filters.deadline) params.set(BOARD_URL_KEYS.deadline, DEADLINE_URL_VALUES[filters.deadline]);
  if (filters.notCanceled) params.set(BOARD_URL_KEYS.notCanceled, "1");
  const query = params.toString();
  return query ? `/pedidos?${query}` : "/pedidos";
}
