import { z } from "zod";
import { listOpenDivergences } from "@/db/queries/divergences";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { DIVERGENCE_KINDS } from "@/server/domain/divergences/kinds";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { staffProcedure, syncParse } from "../../trpc";

export const divergenceFiltersSchema = z.object({
  accountId: z.number().int().positive().optional(),
  channel: z.enum(CHANNEL_IDS).optional(),
  kind: z.enum(DIVERGENCE_KINDS).optional(),
  minAgeHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90)
    .optional(),
});

const state = z.record(z.string(), z.unknown());

export const listDivergences = staffProcedure
  .input(syncParse(divergenceFiltersSchema))
  .output(
    syncParse(
      z.array(
        z.object({
          id: z.number(),
          kind: z.enum(DIVERGENCE_KINDS),
          channel: z.enum(CHANNEL_IDS),
          likelyCause: z.string(),
          hubState: state,
          marketplaceState: state,
          openedAt: z.date(),
          orderId: z.number(),
          marketplaceCode: z.string(),
          orderStatus: z.enum(ORDER_STATUSES),
          handledManuallyAt: z.date().nullable(),
          accountId: z.number(),
          tradeName: z.string(),
        }),
      ),
    ),
  )
  .query(({ ctx, input }) => listOpenDivergences(ctx.db, input, new Date()));
