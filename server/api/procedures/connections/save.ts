import { z } from "zod";
import { getSellerAccount } from "@/db/queries/accounts";
import { saveConnection as save } from "@/db/queries/connections";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { DomainError } from "@/server/domain/errors";
import { adminProcedure, syncParse } from "../../trpc";

export const saveConnection = adminProcedure
  .input(
    syncParse(
      z.object({
        accountId: z.number().int().positive(),
        channel: z.enum(CHANNEL_IDS),
        baseUrl: z
          .url({
            protocol: /^https?$/,
            error: "Informe o endereço da API do marketplace, começando com http:// ou https://.",
          })
          .max(300, "O endereço pode ter até 300 caracteres."),
        enabled: z.boolean(),
      }),
    ),
  )
  .output(syncParse(z.object({ ok: z.literal(true) })))
  .mutation(({ ctx, input }) => {
    if (!getSellerAccount(ctx.db, input.accountId)) {
      throw new DomainError("ACCOUNT_NOT_FOUND", "Conta de vendedor não encontrada.");
    }
    save(ctx.db, input, new Date());
    return { ok: true as const };
  });
