import { z } from "zod";
import { countDivergentOrders } from "@/db/queries/divergences";
import { accountProcedure, syncParse } from "../../trpc";

/** How many of the account's orders disagree with their marketplace, for the board's header. */
export const countMine = accountProcedure
  .output(syncParse(z.object({ orders: z.number() })))
  .query(({ ctx }) => ({ orders: countDivergentOrders(ctx.db, ctx.accountId) }));
