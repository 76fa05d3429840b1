import { z } from "zod";
import { accountConnection, recordConnectionHealth, saveSealedCredentials } from "@/db/queries/connections";
import { connectionSetup } from "@/server/domain/channels/connection-setup";
import { DomainError } from "@/server/domain/errors";
import { encryptSecret, secretKeys } from "@/server/security/secrets";
import { connectionProcedure, syncParse } from "../../trpc";

const key = (what: string) =>
  z
    .string()
    .trim()
    .min(8, `Cole ${what} completa, como aparece no painel do marketplace.`)
    .max(200, `${what[0]?.toUpperCase()}${what.slice(1)} pode ter até 200 caracteres.`)
    .regex(
      /^[\x21-\x7e]+$/,
      `${what[0]?.toUpperCase()}${what.slice(1)} não pode ter espaços nem acentos; cole-a de novo.`,
    );

/**
 * Stores the keys of a channel connected by keys (Americanas: the seller's e-mail and store key, and the platform
 * key), sealed. The platform key defaults to the one this installation was given after homologation.
 */
export const setKeys = connectionProcedure
  .input(
    syncParse(
      z.object({
        channel: z.literal("americanas"),
        userEmail: z.email("Informe o e-mail de acesso ao painel da Americanas Marketplace."),
        apiKey: key("a chave de API da loja"),
        accountManagerKey: key("a chave da plataforma (X-Accountmanager-Key)").optional(),
      }),
    ),
  )
  .output(syncParse(z.object({ ok: z.literal(true) })))
  .mutation(({ ctx, input }) => {
    const connection = accountConnection(ctx.db, ctx.accountId, input.channel);
    if (!connection || connectionSetup(input.channel).setup !== "keys") {
      throw new DomainError("CHANNEL_RULE", "Esta conta não tem conexão com a Americanas para receber chaves.");
    }
    const accountManagerKey = input.accountManagerKey ?? process.env.SKYHUB_ACCOUNT_MANAGER_KEY ?? null;
    if (!accountManagerKey) {
      throw new DomainError(
        "INVALID_INPUT",
        "Informe a chave da plataforma (X-Accountmanager-Key) que a Americanas deu ao Fluxo na homologação.",
        "accountManagerKey",
      );
    }
    const credentials = { userEmail: input.userEmail, apiKey: input.apiKey, accountManagerKey };
    saveSealedCredentials(ctx.db, connection.id, encryptSecret(JSON.stringify(credentials), secretKeys()), null);
    recordConnectionHealth(ctx.db, connection.id, { lastError: null, at: new Date() });
    return { ok: true as const };
  });
