import { requestViewer } from "@/server/api/account-scope";
import { MAGALU_PENDING_COOKIE, startMagaluConnect } from "@/server/channels/magalu/connect-flow";
import { MagaluNotConfigured } from "@/server/channels/magalu/oauth";
import { CONNECTIONS_ROLE_MESSAGE, canManageConnections } from "@/server/domain/people/roles";
import { backToConnections } from "../result";

/**
 * "Conectar com a Magalu": sends the seller (or an admin, for the account they switched to) to ID Magalu's login,
 * where they pick the company to grant, with the state kept in a signed, short-lived, http-only cookie.
 */
export async function GET(req: Request) {
  const viewer = await requestViewer(req.headers);
  if (!viewer) return new Response("Entre no Fluxo para conectar a Magalu.", { status: 401 });
  if (!canManageConnections(viewer.user.role)) return new Response(CONNECTIONS_ROLE_MESSAGE, { status: 403 });
  if (!viewer.accountId) return new Response("Seu usuário não está ligado a uma conta.", { status: 403 });
  const origin = new URL(req.url).origin;
  try {
    const start = startMagaluConnect(origin, { accountId: viewer.accountId, userId: viewer.user.id });
    const secure = origin.startsWith("https:") ? "; Secure" : "";
    return new Response(null, {
      status: 302,
      headers: {
        location: start.location.toString(),
        "set-cookie": `${MAGALU_PENDING_COOKIE}=${start.cookie}; Path=/api/canais/magalu; Max-Age=${start.maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof MagaluNotConfigured) return backToConnections(origin, { ok: false, message: error.message });
    throw error;
  }
}
