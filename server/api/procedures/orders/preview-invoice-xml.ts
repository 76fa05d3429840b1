import { z } from "zod";
import { nfeMode } from "@/server/config";
import { previewInvoiceXml as preview } from "@/server/domain/orders/invoice-preview";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { xmlUploadSchema } from "./invoice";

const message = z.object({ code: z.string(), message: z.string() });

// A mutation only because the file travels in the body; nothing is written.
export const previewInvoiceXml = sellerProcedure
  .input(syncParse(xmlUploadSchema.extend({ orderId: z.number().int().positive() })))
  .output(
    syncParse(
      z.discriminatedUnion("ok", [
        z.object({
          ok: z.literal(true),
          nfe: z.object({
            accessKey: z.string(),
            emitterCnpj: z.string(),
            emitterName: z.string(),
            recipientDocument: z.string().nullable(),
            recipientName: z.string().nullable(),
            totalCents: z.number(),
            issuedAt: z.date().nullable(),
            environment: z.union([z.literal(1), z.literal(2)]),
            protocol: z.object({
              status: z.string(),
              number: z.string().nullable(),
              authorizedAt: z.date().nullable(),
              chNFe: z.string(),
            }),
            series: z.number(),
            number: z.number(),
          }),
          warnings: z.array(message),
          alreadyUsed: z.boolean(),
        }),
        z.object({ ok: z.literal(false), error: message }),
      ]),
    ),
  )
  .mutation(({ ctx, input }) =>
    preview(
      { ...sellerCommandContext(ctx), nfeMode: nfeMode() },
      input.orderId,
      Buffer.from(input.xmlBase64, "base64"),
    ),
  );
