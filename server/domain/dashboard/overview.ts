import type { Db } from "../../../db/client";
import {
  connectionOutages,
  countsByStatusAndChannel,
  openDivergencesByKind,
  type PlacedWithin,
  replicationHealth,
  waitingOrders,
} from "../../../db/queries/dashboard";
import { outageNotice } from "../replication/outage";
import { saoPauloDayEnd, saoPauloDayStart } from "../time";

/** A period of order dates as the manager picks it: São Paulo days (yyyy-mm-dd), either end open. */
export interface DashboardPeriod {
  from?: string;
  to?: string;
}

/** The instants a period of São Paulo days stands for, its last day included whole. */
export function placedWithinPeriod(period: DashboardPeriod): PlacedWithin {
  return {
    from: period.from ? saoPauloDayStart(period.from) : undefined,
    before: period.to ? saoPauloDayEnd(period.to) : undefined,
  };
}

/** The manager's board for one account and period: statuses per channel, waiting orders, replication, outages. */
export function dashboardOverview(db: Db, accountId: number, period: DashboardPeriod, now: Date) {
  const placed = placedWithinPeriod(period);
  return {
    generatedAt: now,
    byStatusAndChannel: countsByStatusAndChannel(db, accountId, placed),
    waiting: waitingOrders(db, accountId, placed, now),
    replication: replicationHealth(db, accountId),
    divergences: openDivergencesByKind(db, accountId),
    outages: connectionOutages(db, accountId).map((outage) => ({
      ...outage,
      notice: outageNotice(outage.channel, outage.since, outage.waiting, now),
    })),
  };
}
