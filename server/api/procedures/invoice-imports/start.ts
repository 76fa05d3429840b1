import { z } from "zod";
import { startInvoiceImport } from "@/server/domain/invoice-import/add-files";
import { sellerProcedure } from "../../trpc";
import { invoiceImportContext } from "./context";

export const start = sellerProcedure
  .output(z.object({ importId: z.number() }))
  .mutation(({ ctx }) => ({ importId: startInvoiceImport(invoiceImportContext(ctx)) }));
