import type { Db } from "../../../db/client";
import { ordersPerDay, salesByChannel } from "../../../db/queries/dashboard";
import { CHANNEL_IDS, type ChannelId } from "../channels/channels";
import { addStages, EMPTY_STAGE, type StageTally } from "./figures";
import { dayOfPeriod, periodDays, periodRange, type SalesPeriod, salesPeriod } from "./sales-period";
import { stageRules } from "./stage-rules";

export interface ChannelSales {
  /** Orders placed in the period, canceled included. */
  orders: number;
  /** Sum of the totals of the orders not canceled, in cents. */
  revenueCents: number;
  /** Orders not canceled: those the revenue adds up. */
  revenueOrders: number;
  invoice: StageTally;
  ship: StageTally;
  /** Orders still waiting for the seller's acceptance past its deadline (channels that ask for it). */
  acceptOpenLate: number;
}

export interface SalesFigures {
  period: SalesPeriod;
  perDay: { day: string; n: number }[];
  channels: ({ channel: ChannelId } & ChannelSales)[];
  total: ChannelSales;
}

const NO_SALES: ChannelSales = {
  orders: 0,
  revenueCents: 0,
  revenueOrders: 0,
  invoice: EMPTY_STAGE,
  ship: EMPTY_STAGE,
  acceptOpenLate: 0,
};

function addSales(a: ChannelSales, b: ChannelSales): ChannelSales {
  return {
    orders: a.orders + b.orders,
    revenueCents: a.revenueCents + b.revenueCents,
    revenueOrders: a.revenueOrders + b.revenueOrders,
    invoice: addStages(a.invoice, b.invoice),
    ship: addStages(a.ship, b.ship),
    acceptOpenLate: a.acceptOpenLate + b.acceptOpenLate,
  };
}

/** The manager's money and trend for a period: revenue and stages per channel with their totals, orders per day. */
export function salesFigures(db: Db, accountId: number, chosen: { from?: string; to?: string }, now: Date) {
  const period = salesPeriod(chosen, now);
  const range = periodRange(period);
  const counted = new Map(ordersPerDay(db, accountId, range).map((row) => [dayOfPeriod(period, row.day), row.n]));
  const rows = new Map(
    salesByChannel(db, accountId, range, stageRules(), now).map((row) => [
      row.channel,
      {
        orders: row.orders,
        revenueCents: row.revenueCents,
        revenueOrders: row.revenueOrders,
        invoice: {
          orders: row.invoiceOrders,
          doneLate: row.invoiceDoneLate,
          openLate: row.invoiceOpenLate,
          timed: row.invoiceTimed,
          totalMs: row.invoiceTotalMs,
        },
        ship: {
          orders: row.shipOrders,
          doneLate: row.shipDoneLate,
          openLate: row.shipOpenLate,
          timed: row.shipTimed,
          totalMs: row.shipTotalMs,
        },
        acceptOpenLate: row.acceptOpenLate,
      },
    ]),
  );
  const channels = CHANNEL_IDS.map((channel) => ({ channel, ...(rows.get(channel) ?? NO_SALES) }));
  return {
    period,
    perDay: periodDays(period).map((day) => ({ day, n: counted.get(day) ?? 0 })),
    channels,
    total: channels.reduce<ChannelSales>(addSales, NO_SALES),
  } satisfies SalesFigures;
}
