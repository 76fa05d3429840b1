import { z } from "zod";
import { resendUpdate as resend } from "@/server/domain/orders/commands/resend";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";

export const resendUpdate = sellerProcedure
  .input(syncParse(z.object({ orderId: z.number().int().positive(), updateId: z.number().int().positive() })))
  .output(syncParse(z.object({ ok: z.literal(true) })))
  .mutation(({ ctx, input }) => {
    resend(sellerCommandContext(ctx), input);
    return { ok: true as const };
  });
