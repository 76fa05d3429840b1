import { z } from "zod";
import { accountConnection, recordConnectionHealth, saveSealedCredentials } from "@/db/queries/connections";
import { connectionSetup } from "@/server/domain/channels/connection-setup";
import { DomainError } from "@/server/domain/errors";
import { encryptSecret, secretKeys } from "@/server/security/secrets";
import { connectionProcedure, syncParse } from "../../trpc";

const capital = (text: string) => `${text[0]?.toUpperCase()}${text.slice(1)}`;

/** Pasted from Seller Central: printable, and starting as Amazon's own values do when `prefix` is given. */
const pasted = (what: string, prefix = "") =>
  z
    .string()
    .trim()
    .min(8, `Cole ${what} completo, como aparece em Seller Central.`)
    .max(2_000, `${capital(what)} pode ter até 2000 caracteres.`)
    .regex(/^[\x21-\x7e]+$/, `${capital(what)} não pode ter espaços nem acentos; cole-o de novo.`)
    .refine(
      (value) => value.startsWith(prefix),
      `${capital(what)} começa com “${prefix}”; confira se colou o campo certo.`,
    );

/**
 * Stores the seller's own SP-API app (LWA client id and secret) and the refresh token Seller Central showed when the
 * seller authorized it, sealed. The first call buys the access token (docs/CHANNELS.md, "Amazon").
 */
export const setAmazonKeys = connectionProcedure
  .input(
    syncParse(
      z.object({
        clientId: pasted("o Client ID (LWA)", "amzn1.application-oa2-client."),
        clientSecret: pasted("o Client Secret (LWA)"),
        refreshToken: pasted("o refresh token", "Atzr|"),
      }),
    ),
  )
  .output(syncParse(z.object({ ok: z.literal(true) })))
  .mutation(({ ctx, input }) => {
    const connection = accountConnection(ctx.db, ctx.accountId, "amazon");
    if (!connection || connectionSetup("amazon").setup !== "keys") {
      throw new DomainError("CHANNEL_RULE", "Esta conta não tem conexão com a Amazon para receber credenciais.");
    }
    const credentials = {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      refreshToken: input.refreshToken,
    };
    saveSealedCredentials(ctx.db, connection.id, encryptSecret(JSON.stringify(credentials), secretKeys()), null);
    recordConnectionHealth(ctx.db, connection.id, { lastError: null, at: new Date() });
    return { ok: true as const };
  });
