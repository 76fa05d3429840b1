import { isRole, type Role } from "@/server/domain/people/roles";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  sellerAccountId: number | null;
}

/** Narrows better-auth's loosely typed user (additional fields) to what the API relies on. */
export function toSessionUser(user: Record<string, unknown>): SessionUser | null {
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
