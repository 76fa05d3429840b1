import type { ChannelId } from "../channels/channels";
import { boardUrl } from "../orders/board-url";
import type { SalesPeriod } from "./sales-period";

/**
 * Where each count of the money and trend section leads: the board filtered to exactly the orders it counts, so
 * the figure and the list agree (tests/integration/dashboard-sales.test.ts checks each against the board's count).
 */
export function salesBoardLinks(period: SalesPeriod) {
  const within = (channel: ChannelId | null) => ({
    from: period.from,
    to: period.to,
    channels: channel ? [channel] : undefined,
  });
  return {
    orders: (channel: ChannelId | null = null) => boardUrl(within(channel)),
    /** The orders the revenue adds up: those not canceled. */
    revenue: (channel: ChannelId | null) => boardUrl({ ...within(channel), notCanceled: true }),
    /** Open orders past their deadline, whatever the stage: the board's "Atrasados". */
    lateNow: (channel: ChannelId | null) => boardUrl({ ...within(channel), deadline: "late" }),
    day: (day: string) => boardUrl({ from: day, to: day }),
  };
}
