import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { type Db, getDb } from "@/db/client";
import { authAccounts, rateLimits, sessions, users, verifications } from "@/db/schema";

export const SESSION_TTL_SECONDS = 60 * 60 * 8;

function signInLimitPerMinute(): number {
  const fromEnv = Number(process.env.AUTH_SIGNIN_LIMIT_PER_MINUTE);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 10;
}

// Production refuses to start without a real secret (scripts/start.ts provides one); development and
// tests get a fixed one so `npm run dev` works out of the box.
function authSecret(): string | undefined {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  return process.env.NODE_ENV === "production" ? undefined : "fluxo-development-secret-not-for-production";
}

function trustedOrigins(): string[] {
  const port = process.env.PORT ?? "3000";
  const configured = process.env.FLUXO_URL ? [process.env.FLUXO_URL] : [];
  return [...configured, `http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

export function createAuth(db: Db) {
  return betterAuth({
    appName: "Fluxo",
    baseURL: process.env.FLUXO_URL,
    secret: authSecret(),
    trustedOrigins: trustedOrigins(),
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: {
        user: users,
        session: sessions,
        account: authAccounts,
        verification: verifications,
        rateLimit: rateLimits,
      },
    }),
    // Accounts are created by hub staff, never by self sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    // The session is re-read from the database at most once a minute; in between a signed cookie vouches
    // for it, which keeps the database out of every board request.
    session: { expiresIn: SESSION_TTL_SECONDS, updateAge: 60 * 60, cookieCache: { enabled: true, maxAge: 60 } },
    user: {
      additionalFields: {
        role: { type: "string", required: true, input: false },
        sellerAccountId: { type: "number", required: false, input: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: 60, max: signInLimitPerMinute() } },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
      useSecureCookies: process.env.FLUXO_URL?.startsWith("https://") ?? false,
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { fluxoAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.fluxoAuth ??= createAuth(getDb());
  return globalForAuth.fluxoAuth;
}
