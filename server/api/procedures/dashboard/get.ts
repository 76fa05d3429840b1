import { z } from "zod";
import {
  connectionOutages,
  countsByStatusAndChannel,
  openDivergencesByKind,
  replicationHealth,
  waitingOrders,
} from "@/db/queries/dashboard";
import { DIVERGENCE_KINDS, OUTBOX_STATES } from "@/db/schema";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { periodSchema } from "@/server/domain/orders/board-filters";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { outageNotice } from "@/server/domain/replication/outage";
import { accountProcedure, syncParse } from "../../trpc";

const bucket = z.array(z.object({ hours: z.number(), n: z.number() }));

/** The manager's board: one account (staff pick it with the account switcher), one period. */
export const getDashboard = accountProcedure
  .input(syncParse(periodSchema))
  .output(
    syncParse(
      z.object({
        generatedAt: z.date(),
        byStatusAndChannel: z.array(
          z.object({ status: z.enum(ORDER_STATUSES), channel: z.enum(CHANNEL_IDS), n: z.number() }),
        ),
        waiting: z.object({
          approvedWithoutInvoice: bucket,
          invoicedWithoutShipment: bucket,
          shippedPastEstimate: z.number(),
        }),
        replication: z.array(
          z.object({
            channel: z.enum(CHANNEL_IDS),
            state: z.enum(OUTBOX_STATES),
            n: z.number(),
          }),
        ),
        divergences: z.array(z.object({ kind: z.enum(DIVERGENCE_KINDS), n: z.number() })),
        outages: z.array(
          z.object({ channel: z.enum(CHANNEL_IDS), since: z.date(), waiting: z.number(), notice: z.string() }),
        ),
      }),
    ),
  )
  .query(({ ctx, input }) => {
    const now = new Date();
    return {
      generatedAt: now,
      byStatusAndChannel: countsByStatusAndChannel(ctx.db, ctx.accountId, input),
      waiting: waitingOrders(ctx.db, ctx.accountId, input, now),
      replication: replicationHealth(ctx.db, ctx.accountId),
      divergences: openDivergencesByKind(ctx.db, ctx.accountId),
      outages: connectionOutages(ctx.db, ctx.accountId).map((outage) => ({
        ...outage,
        notice: outageNotice(outage.channel, outage.since, outage.waiting, now),
      })),
    };
  });
