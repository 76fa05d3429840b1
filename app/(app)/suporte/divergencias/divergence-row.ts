import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { isOrderStatus, type OrderStatus } from "@/server/domain/orders/status";

export type DivergenceRow = inferRouterOutputs<AppRouter>["divergences"]["list"][number];

export interface SideState {
  status: OrderStatus | null;
  accessKey: string | null;
  trackingCode: string | null;
}

/** The stored snapshots are loose JSON; null when the marketplace could not be read at the last check. */
export function readSide(state: Record<string, unknown>): SideState | null {
  if (state.unavailable === true) return null;
  return {
    status: typeof state.status === "string" && isOrderStatus(state.status) ? state.status : null,
    accessKey: typeof state.accessKey === "string" && state.accessKey ? state.accessKey : null,
    trackingCode: typeof state.trackingCode === "string" && state.trackingCode ? state.trackingCode : null,
  };
}
