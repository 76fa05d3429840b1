// Login with Amazon: a refresh token (long-lived, never rotated) buys a one-hour access token, sent as
// x-amz-access-token. No AWS signature: SP-API stopped requiring SigV4.
import { failureCauseOfStatus } from "../../domain/replication/outage";
import type { ConnectionInfo } from "../adapter";
import { httpRequest } from "../http-client";
import { AmazonAuthError, type AmazonCredentials } from "./credentials";

const TIMEOUT_MS = 10_000;
/** Renewed this long before it expires, so a request never leaves with a token about to die on the way. */
const RENEW_MARGIN_MS = 5 * 60_000;

export const AUTHORIZATION_LOST =
  "A Amazon recusou o refresh token ou o app desta conexão: autorize o app de novo em Seller Central › Parceiros › Desenvolver apps e cole o novo refresh token em Conexões.";

// One token request in flight per app and seller inside the process; lanes share the fresh token.
const inFlight = new Map<string, Promise<AmazonCredentials>>();
const latest = new Map<string, AmazonCredentials>();

const keyOf = (c: AmazonCredentials) => `${c.tokenUrl}#${c.clientId}#${c.refreshToken}`;

async function requestAccessToken(credentials: AmazonCredentials, now: number): Promise<AmazonCredentials> {
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: credentials.refreshToken,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  });
  const res = await httpRequest(new URL(credentials.tokenUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" },
    body: form.toString(),
    timeoutMs: TIMEOUT_MS,
  });
  const body = (res.json() ?? {}) as Record<string, unknown>;
  const expiresIn = Number(body.expires_in);
  if (res.status >= 200 && res.status < 300 && typeof body.access_token === "string" && Number.isFinite(expiresIn)) {
    return { ...credentials, accessToken: body.access_token, expiresAt: now + expiresIn * 1000 };
  }
  if (body.error === "invalid_grant" || body.error === "invalid_client" || body.error === "unauthorized_client") {
    throw new AmazonAuthError(AUTHORIZATION_LOST);
  }
  throw new AmazonAuthError(
    `O login da Amazon (LWA) respondeu HTTP ${res.status}; o Fluxo tenta de novo em instantes.`,
    failureCauseOfStatus(res.status),
  );
}

/** A valid access token for the connection, renewed (and stored, sealed) when missing, near expiry or `force`d. */
export async function accessToken(
  connection: ConnectionInfo,
  stored: AmazonCredentials,
  options: { force?: string; now?: number } = {},
): Promise<AmazonCredentials> {
  const now = options.now ?? Date.now();
  const key = keyOf(stored);
  const known = latest.get(key);
  const current = known && known.expiresAt > stored.expiresAt ? known : stored;
  const stale = !current.accessToken || current.expiresAt - now < RENEW_MARGIN_MS;
  if (!stale && current.accessToken !== options.force) return current;
  const running = inFlight.get(key);
  if (running) return running;
  const renewing = requestAccessToken(current, now)
    .then((fresh) => {
      connection.saveCredentials({ ...fresh }, new Date(fresh.expiresAt));
      latest.set(key, fresh);
      return fresh;
    })
    .finally(() => inFlight.delete(key));
  inFlight.set(key, renewing);
  return renewing;
}
