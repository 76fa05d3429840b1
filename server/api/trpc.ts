import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, type z } from "zod";
import { type Db, getDb } from "@/db/client";
import { DomainError } from "@/server/domain/errors";
import { canActOnOrders, isStaff, SELLER_ONLY_MESSAGE } from "@/server/domain/people/roles";
import { resolveViewerAccount } from "./account-scope";
import { DOMAIN_KIND_TO_TRPC } from "./errors";
import { getSessionUser, type ResponseCookies, readCookie, type SessionUser, STAFF_ACCOUNT_COOKIE } from "./session";
import { transformer } from "./transformer";

export interface TRPCContext {
  db: Db;
  user: SessionUser | null;
  /** Account a staff member chose to look at; ignored for sellers and managers. */
  staffAccountId: number | null;
  /** Where a procedure sets a cookie. Absent for server-side callers. */
  resHeaders: ResponseCookies | null;
}

export async function createTRPCContext(opts: {
  headers: Headers;
  resHeaders?: ResponseCookies;
}): Promise<TRPCContext> {
  const db = getDb();
  const user = await getSessionUser(opts.headers, opts.resHeaders);
  const cookieAccount = Number(readCookie(opts.headers, STAFF_ACCOUNT_COOKIE));
  return {
    db,
    user,
    staffAccountId: Number.isInteger(cookieAccount) && cookieAccount > 0 ? cookieAccount : null,
    resHeaders: opts.resHeaders ?? null,
  };
}

const t = initTRPC.context<TRPCContext>().create({
  transformer,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        domainCode: cause instanceof DomainError ? cause.code : null,
        field: cause instanceof DomainError ? (cause.field ?? null) : null,
        // Input paths joined with dots ("tracking.code"), so a form can put each message under its field.
        fieldErrors:
          cause instanceof ZodError
            ? Object.fromEntries(cause.issues.map((issue) => [issue.path.join("."), issue.message]))
            : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

// Domain functions throw DomainError; here it becomes the transport code of the one mapping table.
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: DOMAIN_KIND_TO_TRPC[cause.kind], message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(domainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sua sessão expirou. Entre novamente." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * Reads of one seller account. Sellers and managers always see their own account, whatever the input
 * says; staff see the account they switched to.
 */
export const accountProcedure = protectedProcedure.use(({ ctx, next }) => {
  const accountId = resolveViewerAccount(ctx.db, ctx.user, ctx.staffAccountId);
  if (accountId == null)
    throw new TRPCError({ code: "FORBIDDEN", message: "Seu usuário não está ligado a uma conta." });
  return next({ ctx: { ...ctx, accountId } });
});

/** Changes to a seller's orders: only the seller, only on the account of the session. */
export const sellerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!canActOnOrders(ctx.user.role) || ctx.user.sellerAccountId == null) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: SELLER_ONLY_MESSAGE,
    });
  }
  return next({ ctx: { ...ctx, accountId: ctx.user.sellerAccountId } });
});

export const staffProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isStaff(ctx.user.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Área restrita à equipe de suporte do Fluxo." });
  }
  return next();
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Área restrita a administradores do Fluxo." });
  }
  return next();
});

/**
 * Every procedure's output schema goes through this. tRPC validates with zod's parseAsync, which skips the
 * parser zod compiles for each object shape; the synchronous parse uses it and is about eight times faster on a
 * 50-row board page (the schemas have no async checks).
 */
export function syncParse<Schema extends z.ZodType>(schema: Schema): (value: unknown) => z.output<Schema> {
  return (value) => schema.parse(value);
}
