import type { SellerCommandContext } from "@/server/domain/orders/commands/context";
import type { SessionUser } from "./session";
import type { TRPCContext } from "./trpc";

export function sellerCommandContext(
  ctx: TRPCContext & { user: SessionUser; accountId: number },
): SellerCommandContext {
  return { db: ctx.db, accountId: ctx.accountId, actor: { type: "user", userId: ctx.user.id, name: ctx.user.name } };
}
