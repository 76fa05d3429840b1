import { z } from "zod";
import { previewAccessKey } from "@/server/domain/orders/invoice-preview";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";

export const decodedAccessKeySchema = z.object({
  stateCode: z.string().nullable(),
  state: z.object({ code: z.string(), uf: z.string(), name: z.string() }).nullable(),
  yearMonth: z.string().nullable(),
  year: z.number().nullable(),
  month: z.number().nullable(),
  cnpj: z.string().nullable(),
  model: z.string().nullable(),
  series: z.number().nullable(),
  number: z.number().nullable(),
  emissionType: z.string().nullable(),
  emissionTypeLabel: z.string().nullable(),
  randomCode: z.string().nullable(),
  checkDigit: z.string().nullable(),
});

export const decodeAccessKey = sellerProcedure
  .input(syncParse(z.object({ orderId: z.number().int().positive(), accessKey: z.string().max(120) })))
  .output(
    syncParse(
      z.object({
        key: z.string(),
        decoded: decodedAccessKeySchema,
        checks: z.array(z.object({ id: z.string(), ok: z.boolean(), message: z.string() })),
        channelRefusal: z.string().nullable(),
        alreadyUsed: z.boolean(),
        ok: z.boolean(),
      }),
    ),
  )
  .query(({ ctx, input }) => previewAccessKey(sellerCommandContext(ctx), input.orderId, input.accessKey));
