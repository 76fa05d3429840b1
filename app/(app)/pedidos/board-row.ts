import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { OrderFacts } from "@/server/domain/orders/transitions";

export type BoardRow = inferRouterOutputs<AppRouter>["orders"]["list"]["orders"][number];

/** A board row as the transition table reads it (the list keeps instants in epoch milliseconds). */
export function rowFacts(row: BoardRow): OrderFacts {
  return {
    status: row.status,
    channel: row.channel,
    logisticsMode: row.logisticsMode,
    cancellationRequestedAt: row.cancellationRequestedAt === null ? null : new Date(row.cancellationRequestedAt),
  };
}
