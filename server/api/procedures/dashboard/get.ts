import { z } from "zod";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { overviewOffThread } from "@/server/domain/dashboard/figures-off-thread";
import { DIVERGENCE_KINDS } from "@/server/domain/divergences/kinds";
import { periodSchema } from "@/server/domain/orders/board-filters";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { OUTBOX_STATES } from "@/server/domain/replication/outbox-states";
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
  .query(({ ctx, input }) => overviewOffThread(ctx.db, ctx.accountId, input, new Date()));
