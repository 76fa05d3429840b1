// The OAuth token endpoint (POST /oauth/token, form-encoded) for both grants the hub uses.
import { failureCauseOfStatus } from "../../domain/replication/outage";
import { MarketplaceCallError } from "../adapter";
import { httpRequest } from "../http-client";
import { ConnectionLostError, type MercadoLivreCredentials } from "./credentials";

const TIMEOUT_MS = 10_000;

export class TokenEndpointError extends MarketplaceCallError {}

type TokenGrant =
  | { grant_type: "authorization_code"; code: string; redirect_uri: string; code_verifier: string }
  | { grant_type: "refresh_token"; refresh_token: string };

/** Exchanges a grant for a new pair; invalid_grant (used, expired or revoked) means the seller must reconnect. */
export async function requestTokens(
  apiBase: string,
  app: { clientId: string; clientSecret: string },
  grant: TokenGrant,
  now = Date.now(),
): Promise<MercadoLivreCredentials> {
  const form = new URLSearchParams({ ...grant, client_id: app.clientId, client_secret: app.clientSecret });
  const res = await httpRequest(new URL("/oauth/token", apiBase), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    timeoutMs: TIMEOUT_MS,
  });
  const body = (res.json() ?? {}) as Record<string, unknown>;
  if (res.status >= 200 && res.status < 300 && typeof body.access_token === "string") {
    const refreshToken = body.refresh_token;
    const expiresIn = Number(body.expires_in);
    if (typeof refreshToken !== "string" || !Number.isFinite(expiresIn) || body.user_id === undefined) {
      throw new TokenEndpointError(
        "O Mercado Livre respondeu ao token sem refresh_token, expires_in ou user_id.",
        "refused",
      );
    }
    return {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      accessToken: body.access_token,
      refreshToken,
      userId: String(body.user_id),
      expiresAt: now + expiresIn * 1000,
    };
  }
  const detail = typeof body.error_description === "string" ? body.error_description : String(body.error ?? "");
  if (body.error === "invalid_grant" || body.error === "invalid_client") throw new ConnectionLostError(detail);
  throw new TokenEndpointError(
    `O Mercado Livre não renovou o acesso (HTTP ${res.status}${detail ? `: ${detail}` : ""}); o Fluxo tenta de novo.`,
    failureCauseOfStatus(res.status),
  );
}
