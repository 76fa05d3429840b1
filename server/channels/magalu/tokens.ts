// ID Magalu's token endpoint (POST {authUrl}/oauth/token, form-encoded) for both grants the hub uses.
import { failureCauseOfStatus } from "../../domain/replication/outage";
import { MarketplaceCallError } from "../adapter";
import { httpRequest } from "../http-client";
import { MagaluConnectionLost, type MagaluCredentials } from "./credentials";

const TIMEOUT_MS = 10_000;

export class MagaluTokenError extends MarketplaceCallError {}

export interface MagaluApp {
  clientId: string;
  clientSecret: string;
  /** ID Magalu: https://id.magalu.com, or the sandbox's /id-magalu. */
  authUrl: string;
  channelId: string;
}

type TokenGrant =
  | { grant_type: "authorization_code"; code: string; redirect_uri: string }
  | { grant_type: "refresh_token"; refresh_token: string };

export function idMagaluUrl(authUrl: string, path: string): URL {
  return new URL(path, authUrl.endsWith("/") ? authUrl : `${authUrl}/`);
}

/**
 * Exchanges a grant for a new pair. Whether ID Magalu rotates refresh tokens is not documented: a new one is kept
 * when it comes, the old one otherwise. invalid_grant (used, expired or revoked) means the seller must reconnect.
 */
export async function requestTokens(
  app: MagaluApp,
  grant: TokenGrant,
  previousRefresh: string | null,
  now = Date.now(),
): Promise<MagaluCredentials> {
  const form = new URLSearchParams({ ...grant, client_id: app.clientId, client_secret: app.clientSecret });
  const res = await httpRequest(idMagaluUrl(app.authUrl, "oauth/token"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    timeoutMs: TIMEOUT_MS,
  });
  const body = (res.json() ?? {}) as Record<string, unknown>;
  if (res.status >= 200 && res.status < 300 && typeof body.access_token === "string") {
    const refreshToken = typeof body.refresh_token === "string" ? body.refresh_token : previousRefresh;
    const expiresIn = Number(body.expires_in);
    if (!refreshToken || !Number.isFinite(expiresIn)) {
      throw new MagaluTokenError("O ID Magalu respondeu ao token sem refresh_token ou expires_in.", "refused");
    }
    return { ...app, accessToken: body.access_token, refreshToken, expiresAt: now + expiresIn * 1000 };
  }
  const detail = typeof body.error_description === "string" ? body.error_description : String(body.error ?? "");
  if (body.error === "invalid_grant" || body.error === "invalid_client") throw new MagaluConnectionLost(detail);
  throw new MagaluTokenError(
    `O ID Magalu não renovou o acesso (HTTP ${res.status}${detail ? `: ${detail}` : ""}); o Fluxo tenta de novo.`,
    failureCauseOfStatus(res.status),
  );
}
