import { z } from "zod";
import { countDeadlines, countOrdersByStatus } from "@/db/queries/orders";
import { boardFiltersSchema } from "@/server/domain/orders/board-filters";
import { boardQuery } from "@/server/domain/orders/board-query";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { accountProcedure, syncParse } from "../../trpc";

export const countsOutput = z.object({
  all: z.number(),
  byStatus: z.record(z.enum(ORDER_STATUSES), z.number()),
  /** Open orders past their deadline, and due by the end of today, whatever the status and deadline filters. */
  late: z.number(),
  dueToday: z.number(),
});

export const counts = accountProcedure
  .input(syncParse(z.object({ filters: boardFiltersSchema })))
  .output(syncParse(countsOutput))
  .query(({ ctx, input }) => {
    const query = boardQuery(input.filters);
    const { all, ...byStatus } = countOrdersByStatus(ctx.db, ctx.accountId, query.filters);
    return { all, byStatus, ...countDeadlines(ctx.db, ctx.accountId, query) };
  });
