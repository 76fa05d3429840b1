import { z } from "zod";
import { revokeErpKey } from "@/db/queries/erp-keys";
import { DomainError } from "@/server/domain/errors";
import { erpKeysProcedure, syncParse } from "../../trpc";

/** Refused from the next call on: every ERP call reads its key. */
export const revokeErpKeyProcedure = erpKeysProcedure
  .input(syncParse(z.object({ id: z.number().int().positive() })))
  .output(syncParse(z.object({ ok: z.literal(true) })))
  .mutation(({ ctx, input }) => {
    if (!revokeErpKey(ctx.db, ctx.accountId, input.id, new Date())) {
      throw new DomainError(
        "ERP_KEY_NOT_FOUND",
        "Chave não encontrada nesta conta, ou já revogada. Recarregue a página.",
      );
    }
    return { ok: true as const };
  });
