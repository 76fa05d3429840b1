import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { type Db, getDb } from "@/db/client";
import { DomainError } from "@/server/domain/errors";
import { plural } from "@/server/domain/format";
import {
  CONNECTIONS_ROLE_MESSAGE,
  canActOnOrders,
  canManageConnections,
  ERP_KEYS_ROLE_MESSAGE,
  isStaff,
  SELLER_ONLY_MESSAGE,
} from "@/server/domain/people/roles";
import { asDomainError } from "@/server/domain/storage-errors";
import { resolveViewerAccount } from "./account-scope";
import { DOMAIN_KIND_TO_TRPC, Refusal, TRANSPORT_MESSAGES } from "./errors";
import { getSessionUser, type ResponseCookies, readCookie, type SessionUser, STAFF_ACCOUNT_COOKIE } from "./session";
import { transformer } from "./transformer";

// zod's own messages (a missing field, a number out of range) reach the forms too: in Portuguese, like ours.
z.config(z.locales.ptBR());

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

const FORBIDDEN_KEY_MESSAGE =
  "Os dados enviados usam um nome de campo proibido (__proto__, prototype ou constructor). Remova-o e envie de novo.";

/** Several invalid fields read as one sentence: the first one's fix, and how many more there are. */
function validationSummary(error: ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return TRANSPORT_MESSAGES.BAD_REQUEST;
  if (rest.length === 0) return first.message;
  const more = `mais ${plural(rest.length, "campo", "campos")}`;
  return `${first.message.replace(/[.\s]+$/, "")}; corrija também ${more}, indicados na resposta.`;
}

/** The one message a client reads: ours (domain, validation, the API's own refusals), or the code's pt-BR default. */
function clientMessage(error: TRPCError): string {
  const cause = error.cause;
  if (cause instanceof DomainError) return cause.message;
  // An invalid output is the server's own fault, not the client's input: it reads as an internal error.
  if (cause instanceof ZodError && error.code === "BAD_REQUEST") return validationSummary(cause);
  if (error instanceof Refusal) return error.message;
  // tRPC answers a body JSON.parse refused as a bad request, with the parser's English as its message.
  if (cause instanceof SyntaxError) return TRANSPORT_MESSAGES.PARSE_ERROR;
  // superjson refuses paths through an object's prototype, saying so in English.
  if (error.code === "BAD_REQUEST" && /__proto__|prototype|constructor/.test(cause?.message ?? "")) {
    return FORBIDDEN_KEY_MESSAGE;
  }
  return TRANSPORT_MESSAGES[error.code];
}

const t = initTRPC.context<TRPCContext>().create({
  transformer,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      message: clientMessage(error),
      data: {
        ...shape.data,
        stack: undefined,
        domainCode: cause instanceof DomainError ? cause.code : null,
        field: cause instanceof DomainError ? (cause.field ?? null) : null,
        // Input paths joined with dots ("tracking.code"), so a form can put each message under its field.
        fieldErrors:
          cause instanceof ZodError && error.code === "BAD_REQUEST"
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
  // A full or read-only disk reaches here as SQLite's own error: it becomes its typed domain error too.
  const cause = result.ok ? null : asDomainError(result.error.cause);
  if (cause) throw new TRPCError({ code: DOMAIN_KIND_TO_TRPC[cause.kind], message: cause.message, cause });
  return result;
});

export const publicProcedure = t.procedure.use(domainErrors);

function signedIn<Ctx extends TRPCContext>(ctx: Ctx): Ctx & { user: SessionUser } {
  if (!ctx.user) throw new Refusal("UNAUTHORIZED", "Sua sessão expirou. Entre novamente.");
  return { ...ctx, user: ctx.user };
}

// Each tier below is the public one plus a single middleware that checks the session itself: tRPC copies the
// call's options and context at every middleware, and the board's calls go through these tiers all the time.

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => next({ ctx: signedIn(ctx) }));

/**
 * Reads of one seller account. Sellers and managers always see their own account, whatever the input
 * says; staff see the account they switched to.
 */
export const accountProcedure = publicProcedure.use(({ ctx, next }) => {
  const viewer = signedIn(ctx);
  const accountId = resolveViewerAccount(viewer.db, viewer.user, viewer.staffAccountId);
  if (accountId == null) throw new Refusal("FORBIDDEN", "Seu usuário não está ligado a uma conta.");
  return next({ ctx: { ...viewer, accountId } });
});

/** Changes to a seller's orders: only the seller, only on the account of the session. */
export const sellerProcedure = publicProcedure.use(({ ctx, next }) => {
  const viewer = signedIn(ctx);
  if (!canActOnOrders(viewer.user.role) || viewer.user.sellerAccountId == null) {
    throw new Refusal("FORBIDDEN", SELLER_ONLY_MESSAGE);
  }
  return next({ ctx: { ...viewer, accountId: viewer.user.sellerAccountId } });
});

/**
 * A seller account's marketplace connections: its seller, or an admin on the account they switched to. The input
 * never names the account.
 */
export const connectionProcedure = publicProcedure.use(({ ctx, next }) => {
  const viewer = signedIn(ctx);
  if (!canManageConnections(viewer.user.role)) throw new Refusal("FORBIDDEN", CONNECTIONS_ROLE_MESSAGE);
  const accountId =
    viewer.user.role === "seller"
      ? viewer.user.sellerAccountId
      : resolveViewerAccount(viewer.db, viewer.user, viewer.staffAccountId);
  if (accountId == null) throw new Refusal("FORBIDDEN", "Seu usuário não está ligado a uma conta.");
  return next({ ctx: { ...viewer, accountId } });
});

/** The account's ERP API keys: the same people as its connections (its seller, or an admin on it), own message. */
export const erpKeysProcedure = publicProcedure.use(({ ctx, next }) => {
  const viewer = signedIn(ctx);
  if (!canManageConnections(viewer.user.role)) throw new Refusal("FORBIDDEN", ERP_KEYS_ROLE_MESSAGE);
  const accountId =
    viewer.user.role === "seller"
      ? viewer.user.sellerAccountId
      : resolveViewerAccount(viewer.db, viewer.user, viewer.staffAccountId);
  if (accountId == null) throw new Refusal("FORBIDDEN", "Seu usuário não está ligado a uma conta.");
  return next({ ctx: { ...viewer, accountId } });
});

export const staffProcedure = publicProcedure.use(({ ctx, next }) => {
  const viewer = signedIn(ctx);
  if (!isStaff(viewer.user.role)) {
    throw new Refusal("FORBIDDEN", "Área restrita à equipe de suporte do Fluxo.");
  }
  return next({ ctx: viewer });
});

export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  const viewer = signedIn(ctx);
  if (viewer.user.role !== "admin") {
    throw new Refusal("FORBIDDEN", "Área restrita a administradores do Fluxo.");
  }
  return next({ ctx: viewer });
});

/**
 * Every procedure's input and output schema goes through this. tRPC validates a zod schema with parseAsync,
 * which skips the parser zod compiles for each object shape; the synchronous parse uses it and is about eight
 * times faster on a 50-row board page (the schemas have no async checks). tRPC reads `_input` and `_output`
 * for types only, as it does on a zod schema; at run time it calls `parse`.
 */
export function syncParse<Schema extends z.ZodType>(
  schema: Schema,
): { _input: z.input<Schema>; _output: z.output<Schema>; parse: (value: unknown) => z.output<Schema> } {
  const parser = { parse: (value: unknown) => schema.parse(value) };
  return parser as typeof parser & { _input: z.input<Schema>; _output: z.output<Schema> };
}
