import { requestViewer } from "@/server/api/account-scope";
import { PENDING_COOKIE, startConnect } from "@/server/channels/mercado-livre/connect-flow";
import { MercadoLivreNotConfigured } from "@/server/channels/mercado-livre/oauth";
import { CONNECTIONS_ROLE_MESSAGE, canManageConnections } from "@/server/domain/people/roles";
import { backToConnections } from "../result";

/**
 * "Conectar com o Mercado Livre": sends the seller (or an admin, for the account they switched to) to Mercado
 * Livre's authorization page, with the state and PKCE verifier kept in a signed, short-lived, http-only cookie.
 */
export async function GET(req: Request) {
  const viewer = await requestViewer(req.headers);
  if (!viewer) return new Response("Entre no Fluxo para conectar o Mercado Livre.", { status: 401 });
  if (!canManageConnections(viewer.user.role)) return new Response(CONNECTIONS_ROLE_MESSAGE, { status: 403 });
  if (!viewer.accountId) return new Response("Seu usuário não está ligado a uma conta.", { status: 403 });
  const origin = new URL(req.url).origin;
  try {
    const start = startConnect(origin, { accountId: viewer.accountId, userId: viewer.user.id });
    const secure = origin.startsWith("https:") ? "; Secure" : "";
    return new Response(null, {
      status: 302,
      headers: {
        location: start.location.toString(),
        "set-cookie": `${PENDING_COOKIE}=${start.cookie}; Path=/api/canais/mercado-livre; Max-Age=${start.maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof MercadoLivreNotConfigured)
      return backToConnections(origin, { ok: false, message: error.message });
    throw error;
  }
}
