import { z } from "zod";
import { setRowDropped } from "@/server/domain/invoice-import/rows";
import { describeImport } from "@/server/domain/invoice-import/view";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importView, rowRef } from "./view-schema";

export const setDropped = sellerProcedure
  .input(syncParse(rowRef.extend({ dropped: z.boolean() })))
  .output(syncParse(importView))
  .mutation(({ ctx, input }) => {
    const context = invoiceImportContext(ctx);
    setRowDropped(context, input.importId, input.rowId, input.dropped);
    return describeImport(context, input.importId);
  });
