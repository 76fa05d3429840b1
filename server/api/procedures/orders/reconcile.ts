import { z } from "zod";
import { getOrderDetail } from "@/db/queries/orders";
import { adapterFor } from "@/server/channels/registry";
import { DomainError, orderNotFound } from "@/server/domain/errors";
import { reconcileOrder } from "@/server/sync/reconcile";
import { accountProcedure, syncParse } from "../../trpc";

/** "Conferir com o marketplace" on the order page: the same check the worker runs on its schedule. */
export const reconcile = accountProcedure
  .input(syncParse(z.object({ id: z.number().int().positive() })))
  .output(syncParse(z.object({ reachable: z.boolean(), divergences: z.number() })))
  .mutation(async ({ ctx, input }) => {
    // It may apply marketplace moves and open divergences: a manager, who changes nothing, only watches.
    if (ctx.user.role === "manager") {
      throw new DomainError(
        "FORBIDDEN_ROLE",
        "Seu perfil permite apenas consultar. Peça ao vendedor ou ao suporte para conferir.",
      );
    }
    if (!getOrderDetail(ctx.db, ctx.accountId, input.id)) throw orderNotFound();
    const findings = await reconcileOrder(ctx.db, input.id, adapterFor);
    return { reachable: findings !== null, divergences: findings?.length ?? 0 };
  });
