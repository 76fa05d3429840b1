import { z } from "zod";
import { accountConnection, recordConnectionHealth } from "@/db/queries/connections";
import { adapterFor } from "@/server/channels/registry";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { DomainError } from "@/server/domain/errors";
import { SecretKeyError } from "@/server/security/secrets";
import { connectionInfo } from "@/server/sync/connection-info";
import { connectionProcedure, syncParse } from "../../trpc";

/** "Testar conexão": one authenticated call to the marketplace; the answer is also kept as the connection's health. */
export const test = connectionProcedure
  .input(syncParse(z.object({ channel: z.enum(CHANNEL_IDS) })))
  .output(syncParse(z.object({ ok: z.boolean(), message: z.string() })))
  .mutation(async ({ ctx, input }) => {
    const connection = accountConnection(ctx.db, ctx.accountId, input.channel);
    if (!connection) throw new DomainError("CHANNEL_RULE", "Esta conta não tem conexão com este marketplace.");
    let result: { ok: true } | { ok: false; message: string };
    try {
      result = await adapterFor(connectionInfo(ctx.db, connection)).checkConnection();
    } catch (error) {
      if (!(error instanceof SecretKeyError)) throw error;
      result = { ok: false, message: error.message };
    }
    recordConnectionHealth(ctx.db, connection.id, { lastError: result.ok ? null : result.message, at: new Date() });
    return result.ok
      ? { ok: true, message: "Conexão funcionando: o marketplace respondeu com estas credenciais." }
      : { ok: false, message: result.message };
  });
