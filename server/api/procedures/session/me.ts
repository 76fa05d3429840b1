import { z } from "zod";
import { getSellerAccount, listSellerAccounts } from "@/db/queries/accounts";
import { canActOnOrders, isStaff, ROLES } from "@/server/domain/people/roles";
import { accountProcedure, syncParse } from "../../trpc";

const accountSchema = z.object({ id: z.number(), tradeName: z.string(), legalName: z.string(), cnpj: z.string() });

export const meOutput = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES) }),
  account: accountSchema.nullable(),
  canAct: z.boolean(),
  isStaff: z.boolean(),
  /** Accounts a staff member may switch to; empty for sellers and managers. */
  switchableAccounts: z.array(accountSchema),
});

export const me = accountProcedure.output(syncParse(meOutput)).query(({ ctx }) => {
  const account = getSellerAccount(ctx.db, ctx.accountId);
  const staff = isStaff(ctx.user.role);
  return {
    user: { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email, role: ctx.user.role },
    account: account && {
      id: account.id,
      tradeName: account.tradeName,
      legalName: account.legalName,
      cnpj: account.cnpj,
    },
    canAct: canActOnOrders(ctx.user.role),
    isStaff: staff,
    switchableAccounts: staff ? listSellerAccounts(ctx.db) : [],
  };
});
