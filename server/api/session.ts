import { getDb } from "@/db/client";
import { isSessionLive } from "@/db/queries/sessions";
import { getAuth } from "@/server/auth/auth";
import { isRole, type Role } from "@/server/domain/people/roles";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  sellerAccountId: number | null;
}

/** Narrows better-auth's loosely typed user (additional fields) to what the API relies on. */
function toSessionUser(user: Record<string, unknown>): SessionUser | null {
  if (!isRole(user.role)) return null;
  const accountId = user.sellerAccountId;
  return {
    id: String(user.id),
    name: String(user.name),
    email: String(user.email),
    role: user.role,
    sellerAccountId: typeof accountId === "number" ? accountId : null,
  };
}

/** Where a response's Set-Cookie headers go: a fetch Response's headers or a node:http response. */
export type ResponseCookies = Pick<Headers, "append">;

export const STAFF_ACCOUNT_COOKIE = "fluxo_conta";

export function readCookie(headers: Headers, name: string): string | null {
  const raw = headers.get("cookie");
  if (!raw) return null;
  for (const part of raw.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

const REUSE_MS = 5_000;
const MAX_REMEMBERED = 1_000;
const verified = new Map<string, { user: SessionUser; token: string; until: number }>();

/**
 * The signed-in user behind a request's cookies. better-auth checks two HMAC signatures on every call (and
 * reads the database whenever its cookie cache has lapsed); the board sends several calls per screen, so
 * its answer is reused for the very same cookies for a few seconds. Neither its signed cookie cache nor that reuse
 * can outlive a sign-out or a revoked session: every request also asks the database, in one indexed read, whether
 * the session still exists, so the first request after sign-out is refused in whichever web process it lands.
 * Cookies better-auth sets on the way (a renewed cookie cache or session) go to `resHeaders`: without them
 * the browser's cookie cache lapses a minute after sign-in and every later call reads the database.
 */
export async function getSessionUser(
  headers: Headers,
  resHeaders?: ResponseCookies | null,
): Promise<SessionUser | null> {
  const cookie = headers.get("cookie") ?? "";
  const now = Date.now();
  const remembered = verified.get(cookie);
  if (remembered && remembered.until > now) {
    if (isSessionLive(getDb(), remembered.token, new Date(now))) return remembered.user;
    verified.delete(cookie);
    return null;
  }
  const { headers: setHeaders, response: session } = await getAuth().api.getSession({ headers, returnHeaders: true });
  const user = session ? toSessionUser(session.user as Record<string, unknown>) : null;
  if (!session || !user || !isSessionLive(getDb(), session.session.token, new Date(now))) {
    verified.delete(cookie);
    return null;
  }
  for (const setCookie of setHeaders.getSetCookie()) resHeaders?.append("set-cookie", setCookie);
  if (verified.size >= MAX_REMEMBERED) {
    for (const [key, entry] of verified) if (entry.until <= now) verified.delete(key);
    if (verified.size >= MAX_REMEMBERED) verified.clear();
  }
  verified.set(cookie, {
    user,
    token: session.session.token,
    until: Math.min(now + REUSE_MS, new Date(session.session.expiresAt).getTime()),
  });
  return user;
}
