import { z } from "zod";
import { getSellerAccount } from "@/db/queries/accounts";
import { DomainError } from "@/server/domain/errors";
import { STAFF_ACCOUNT_COOKIE } from "../../session";
import { staffProcedure, syncParse } from "../../trpc";

export const switchAccount = staffProcedure
  .input(syncParse(z.object({ accountId: z.number().int().positive() })))
  .output(syncParse(z.object({ accountId: z.number() })))
  .mutation(({ ctx, input }) => {
    const account = getSellerAccount(ctx.db, input.accountId);
    if (!account) throw new DomainError("ACCOUNT_NOT_FOUND", "Conta de vendedor não encontrada.");
    ctx.resHeaders?.append(
      "set-cookie",
      `${STAFF_ACCOUNT_COOKIE}=${account.id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 24 * 30}`,
    );
    return { accountId: account.id };
  });
