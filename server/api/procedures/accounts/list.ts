import { z } from "zod";
import { listSellerAccounts } from "@/db/queries/accounts";
import { staffProcedure, syncParse } from "../../trpc";

export const listAccounts = staffProcedure
  .output(
    syncParse(z.array(z.object({ id: z.number(), tradeName: z.string(), legalName: z.string(), cnpj: z.string() }))),
  )
  .query(({ ctx }) => listSellerAccounts(ctx.db));
