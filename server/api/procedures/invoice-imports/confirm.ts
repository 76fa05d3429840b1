import { z } from "zod";
import { applyImportRows } from "@/server/domain/invoice-import/apply";
import { sellerProcedure } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importRef } from "./view-schema";

export const confirm = sellerProcedure
  .input(importRef.extend({ rowIds: z.array(z.number().int().positive()).min(1).max(50) }))
  .output(z.array(z.object({ rowId: z.number(), ok: z.boolean(), message: z.string() })))
  .mutation(({ ctx, input }) => applyImportRows(invoiceImportContext(ctx), input.importId, input.rowIds));
