import { z } from "zod";
import { countLateByAccount } from "@/db/queries/deadlines";
import { staffProcedure, syncParse } from "../../trpc";

/**
 * Late orders per account, beside the divergence queue and apart from it: a late order agrees with its marketplace
 * (SPEC §5), so support sees it only here, and opens the account's board filtered to it.
 */
export const lateOrders = staffProcedure
  .input(syncParse(z.object({ accountId: z.number().int().positive().optional() })))
  .output(syncParse(z.array(z.object({ accountId: z.number(), tradeName: z.string(), late: z.number() }))))
  .query(({ ctx, input }) => countLateByAccount(ctx.db, new Date(), input.accountId));
