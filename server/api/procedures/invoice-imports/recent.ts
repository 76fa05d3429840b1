import { z } from "zod";
import { recentImports } from "@/server/domain/invoice-import/view";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";
import { importProgress } from "./view-schema";

export const recent = sellerProcedure
  .output(syncParse(z.array(importProgress)))
  .query(({ ctx }) => recentImports(invoiceImportContext(ctx)));
