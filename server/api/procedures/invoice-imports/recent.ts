import { z } from "zod";
import { recentImports } from "@/server/domain/invoice-import/view";
import { sellerProcedure, syncParse } from "../../trpc";
import { invoiceImportContext } from "./context";

export const recent = sellerProcedure
  .output(syncParse(z.array(z.object({ id: z.number(), createdAt: z.date(), rows: z.number(), invoiced: z.number() }))))
  .query(({ ctx }) => recentImports(invoiceImportContext(ctx)));
