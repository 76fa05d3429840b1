import { z } from "zod";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { salesOffThread } from "@/server/domain/dashboard/figures-off-thread";
import { periodSchema } from "@/server/domain/orders/board-filters";
import { accountProcedure, syncParse } from "../../trpc";

const stage = z.object({
  orders: z.number(),
  doneLate: z.number(),
  openLate: z.number(),
  timed: z.number(),
  totalMs: z.number(),
});

const sales = z.object({
  orders: z.number(),
  revenueCents: z.number(),
  revenueOrders: z.number(),
  invoice: stage,
  ship: stage,
  acceptOpenLate: z.number(),
});

/** The manager's money and trend: revenue and late stages per channel, orders per day, for one account and period. */
export const getSales = accountProcedure
  .input(syncParse(periodSchema))
  .output(
    syncParse(
      z.object({
        period: z.object({ from: z.string(), to: z.string() }),
        perDay: z.array(z.object({ day: z.string(), n: z.number() })),
        channels: z.array(sales.extend({ channel: z.enum(CHANNEL_IDS) })),
        total: sales,
      }),
    ),
  )
  .query(({ ctx, input }) => salesOffThread(ctx.db, ctx.accountId, input, new Date()));
