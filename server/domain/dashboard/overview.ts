import type { Db } from "../../../db/client";
import {
  connectionOutages,
  countsByStatusAndChannel,
  type DashboardPeriod,
  openDivergencesByKind,
  replicationHealth,
  waitingOrders,
} from "../../../db/queries/dashboard";
import { outageNotice } from "../replication/outage";

/** The manager's board for one account and period: statuses per channel, waiting orders, replication, outages. */
export function dashboardOverview(db: Db, accountId: number, period: DashboardPeriod, now: Date) {
  return {
    generatedAt: now,
    byStatusAndChannel: countsByStatusAndChannel(db, accountId, period),
    waiting: waitingOrders(db, accountId, period, now),
    replication: replicationHealth(db, accountId),
    divergences: openDivergencesByKind(db, accountId),
    outages: connectionOutages(db, accountId).map((outage) => ({
      ...outage,
      notice: outageNotice(outage.channel, outage.since, outage.waiting, now),
    })),
  };
}
