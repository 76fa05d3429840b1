// The authorization-code flow with PKCE (S256) that connects a seller's Mercado Livre account to the hub.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { httpRequest } from "../http-client";
import type { MercadoLivreCredentials } from "./credentials";
import { requestTokens } from "./tokens";

interface MercadoLivreApp {
  clientId: string;
  clientSecret: string;
  /** Where the seller authorizes: https://auth.mercadolivre.com.br, or the sandbox. */
  authUrl: string;
  /** The API host that issues tokens and that the connection will call. */
  apiUrl: string;
}

/** The sandbox's own app (sandbox/config.ts), used when ML_CLIENT_ID is not set and the sandbox stands in. */
export const SANDBOX_APP = { clientId: "1234567890", clientSecret: "fluxo-sandbox-secret" };

export class MercadoLivreNotConfigured extends Error {
  constructor() {
    super(
      "O aplicativo do Mercado Livre não está configurado no Fluxo (ML_CLIENT_ID e ML_CLIENT_SECRET). Fale com o administrador.",
    );
  }
}

export function mercadoLivreApp(env: Record<string, string | undefined> = process.env): MercadoLivreApp {
  if (!env.ML_CLIENT_ID || !env.ML_CLIENT_SECRET) throw new MercadoLivreNotConfigured();
  return {
    clientId: env.ML_CLIENT_ID,
    clientSecret: env.ML_CLIENT_SECRET,
    authUrl: env.ML_AUTH_URL || "https://auth.mercadolivre.com.br",
    apiUrl: env.ML_API_URL || "https://api.mercadolibre.com",
  };
}

interface PkceStart {
  state: string;
  verifier: string;
  url: URL;
}

const token = () => randomBytes(32).toString("base64url");

function challengeOf(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function authorizationUrl(app: MercadoLivreApp, redirectUri: string, hint?: { seller: string }): PkceStart {
  const state = token();
  const verifier = token();
  const url = new URL("/authorization", app.authUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: app.clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: challengeOf(verifier),
    code_challenge_method: "S256",
    ...hint,
  }).toString();
  return { state, verifier, url };
}

export function exchangeCode(
  app: MercadoLivreApp,
  code: string,
  redirectUri: string,
  verifier: string,
): Promise<MercadoLivreCredentials> {
  return requestTokens(app.apiUrl, app, {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
}

/**
 * What the connect route keeps between the redirect out and the return: in an http-only cookie, signed so it cannot
 * be forged and dated so it cannot be replayed later.
 */
export interface PendingAuthorization {
  state: string;
  verifier: string;
  accountId: number;
  userId: string;
  expiresAt: number;
}

function sign(body: string, key: Buffer): string {
  return createHmac("sha256", key).update(`mercado-livre-oauth.${body}`).digest("base64url");
}

export function sealPending(pending: PendingAuthorization, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(pending)).toString("base64url");
  return `${body}.${sign(body, key)}`;
}

export function openPending(sealed: string | null, key: Buffer, now = Date.now()): PendingAuthorization | null {
  const [body, mac] = (sealed ?? "").split(".");
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(body, key));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const pending = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as PendingAuthorization;
  return pending.expiresAt > now ? pending : null;
}

const SANDBOX_REDIRECT = "http://127.0.0.1/api/canais/mercado-livre/retorno";

/**
 * The same code flow run without a browser against the sandbox, whose authorization page approves at once when it
 * is told which seller is signing in (demo wiring and tests).
 */
export async function connectSandboxMercadoLivre(
  sandboxUrl: string,
  sellerCnpj: string,
): Promise<{ credentials: MercadoLivreCredentials; tokenExpiresAt: Date }> {
  const app: MercadoLivreApp = {
    clientId: process.env.ML_CLIENT_ID || SANDBOX_APP.clientId,
    clientSecret: process.env.ML_CLIENT_SECRET || SANDBOX_APP.clientSecret,
    authUrl: sandboxUrl,
    apiUrl: sandboxUrl,
  };
  const start = authorizationUrl(app, SANDBOX_REDIRECT, { seller: sellerCnpj });
  const res = await httpRequest(start.url, { timeoutMs: 10_000 });
  const location = res.header("location");
  if (res.status !== 302 || !location) {
    throw new Error(`O sandbox não autorizou o vendedor ${sellerCnpj} (HTTP ${res.status}: ${res.text()})`);
  }
  const back = new URL(location);
  const code = back.searchParams.get("code");
  if (back.searchParams.get("state") !== start.state || !code) {
    throw new Error("O sandbox voltou da autorização sem o código ou com outro state.");
  }
  const credentials = await exchangeCode(app, code, SANDBOX_REDIRECT, start.verifier);
  return { credentials, tokenExpiresAt: new Date(credentials.expiresAt) };
}
