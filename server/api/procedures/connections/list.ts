import { z } from "zod";
import { listAllConnections } from "@/db/queries/connections";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { adminProcedure, syncParse } from "../../trpc";

export const listConnections = adminProcedure
  .output(
    syncParse(
      z.array(
        z.object({
          accountId: z.number(),
          tradeName: z.string(),
          channel: z.enum(CHANNEL_IDS),
          baseUrl: z.string(),
          enabled: z.boolean(),
          lastPulledAt: z.date().nullable(),
        }),
      ),
    ),
  )
  .query(({ ctx }) => listAllConnections(ctx.db));
