import { z } from "zod";
import { startInvoiceImport } from "@/server/domain/invoice-import/add-files";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";

export const start = sellerProcedure
  .output(syncParse(z.object({ importId: z.number() })))
  .mutation(({ ctx }) => ({ importId: startInvoiceImport(invoiceImportContext(ctx)) }));
