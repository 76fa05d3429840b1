"use client";

import type { QueryClient } from "@tanstack/react-query";
import type { useTRPC } from "./client";

/**
 * What a write to orders changes on screen: the order's page, the board and its counts, the dashboard's figures and
 * the support queue's divergences. The session, connections and keys stay cached.
 */
export function invalidateOrderViews(queryClient: QueryClient, trpc: ReturnType<typeof useTRPC>): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries(trpc.orders.pathFilter()),
    queryClient.invalidateQueries(trpc.dashboard.pathFilter()),
    queryClient.invalidateQueries(trpc.divergences.pathFilter()),
  ]).then(() => undefined);
}
