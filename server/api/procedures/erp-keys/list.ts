import { z } from "zod";
import { listErpKeys } from "@/db/queries/erp-keys";
import { erpKeysProcedure, syncParse } from "../../trpc";

export const listErpKeysProcedure = erpKeysProcedure
  .output(
    syncParse(
      z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          userEmail: z.string(),
          keyPrefix: z.string(),
          createdAt: z.date(),
          lastUsedAt: z.date().nullable(),
          revokedAt: z.date().nullable(),
        }),
      ),
    ),
  )
  .query(({ ctx }) => listErpKeys(ctx.db, ctx.accountId));
