import { describeImport } from "@/server/domain/invoice-import/view";
import { sellerProcedure } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importRef, importView } from "./view-schema";

export const get = sellerProcedure
  .input(importRef)
  .output(importView)
  .query(({ ctx, input }) => describeImport(invoiceImportContext(ctx), input.importId));
