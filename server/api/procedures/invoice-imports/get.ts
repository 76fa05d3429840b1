import { describeImport } from "@/server/domain/invoice-import/view";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importRef, importView } from "./view-schema";

export const get = sellerProcedure
  .input(syncParse(importRef))
  .output(syncParse(importView))
  .query(({ ctx, input }) => describeImport(invoiceImportContext(ctx), input.importId));
