import { z } from "zod";
import { nfeMode } from "@/server/config";
import { NFE_XML_MAX_BYTES } from "@/server/domain/invoice/nfe-xml";
import { invoiceOrder } from "@/server/domain/orders/commands/invoice";
import { sellerCommandContext } from "../../command-context";
import { sellerProcedure, syncParse } from "../../trpc";
import { changeOutput, orderRefInput, toChangeOutput } from "./change-output";

// Base64 grows the file by a third; the byte limit itself is checked on the decoded file.
const MAX_BASE64 = Math.ceil((NFE_XML_MAX_BYTES * 4) / 3) + 1024;

export const xmlUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  xmlBase64: z
    .string()
    .max(
      MAX_BASE64,
      "O arquivo passa de 3 MB: uma NF-e tem de alguns KB a algumas centenas de KB. Confira se escolheu o XML certo.",
    ),
});

export const invoiceInput = orderRefInput.extend({
  invoice: z.discriminatedUnion("method", [
    z.object({ method: z.literal("key"), accessKey: z.string().max(120, "A chave de acesso tem 44 caracteres.") }),
    z.object({ method: z.literal("xml") }).extend(xmlUploadSchema.shape),
  ]),
});

export const invoice = sellerProcedure
  .input(syncParse(invoiceInput))
  .output(syncParse(changeOutput))
  .mutation(({ ctx, input }) => {
    const submission =
      input.invoice.method === "key"
        ? input.invoice
        : {
            method: "xml" as const,
            fileName: input.invoice.fileName,
            xml: Buffer.from(input.invoice.xmlBase64, "base64"),
          };
    const result = invoiceOrder(
      { ...sellerCommandContext(ctx), nfeMode: nfeMode() },
      { orderId: input.orderId, version: input.version, invoice: submission },
    );
    return toChangeOutput(result, result.warnings, result.heldNotice);
  });
