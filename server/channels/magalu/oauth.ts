// The authorization-code flow through ID Magalu that connects a seller's Magalu company (tenant) to the hub.
import { randomBytes } from "node:crypto";
import { httpRequest } from "../http-client";
import type { MagaluCredentials } from "./credentials";
import { idMagaluUrl, type MagaluApp, requestTokens } from "./tokens";

/** Magazine Luiza's channel on api.magalu.com, and the one api-sandbox.magalu.com answers for (X-Channel-Id). */
const PRODUCTION_CHANNEL = "9fe0d853-732b-4e4a-a0b0-cff988ed043d";
const SANDBOX_CHANNEL = "5f62650a-0039-4d65-9b96-266d498c03bd";
const MAGALU_SANDBOX_HOST = "api-sandbox.magalu.com";

/** The scopes the adapter's calls need (developers.magalu.com, orders guide); MAGALU_SCOPES overrides them. */
const SCOPES = [
  "open:order-order-seller:read",
  "open:order-delivery-seller:read",
  "open:order-delivery-seller:write",
  "open:order-invoice-seller:read",
].join(" ");

/** The sandbox's own app (sandbox/protocols/magalu/config.ts), used when MAGALU_CLIENT_ID is not set. */
export const SANDBOX_APP = { clientId: "fluxo-sandbox-magalu", clientSecret: "fluxo-sandbox-magalu-secret" };

export class MagaluNotConfigured extends Error {
  constructor() {
    super(
      "O aplicativo da Magalu não está configurado no Fluxo (MAGALU_CLIENT_ID e MAGALU_CLIENT_SECRET): fale com o administrador.",
    );
  }
}

function channelIdFor(apiUrl: string, env: Record<string, string | undefined> = process.env): string {
  if (env.MAGALU_CHANNEL_ID) return env.MAGALU_CHANNEL_ID;
  return new URL(apiUrl).hostname === MAGALU_SANDBOX_HOST ? SANDBOX_CHANNEL : PRODUCTION_CHANNEL;
}

export function magaluApp(env: Record<string, string | undefined> = process.env): MagaluApp & { apiUrl: string } {
  if (!env.MAGALU_CLIENT_ID || !env.MAGALU_CLIENT_SECRET) throw new MagaluNotConfigured();
  const apiUrl = env.MAGALU_API_URL || "https://api.magalu.com";
  return {
    clientId: env.MAGALU_CLIENT_ID,
    clientSecret: env.MAGALU_CLIENT_SECRET,
    authUrl: env.MAGALU_AUTH_URL || "https://id.magalu.com",
    apiUrl,
    channelId: channelIdFor(apiUrl, env),
  };
}

/** Where the seller signs in and picks the company (tenant) to grant. */
export function authorizationUrl(app: MagaluApp, redirectUri: string, hint?: { seller: string }) {
  const state = randomBytes(32).toString("base64url");
  const url = idMagaluUrl(app.authUrl, "login");
  url.search = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: redirectUri,
    scope: process.env.MAGALU_SCOPES || SCOPES,
    response_type: "code",
    choose_tenants: "true",
    state,
    ...hint,
  }).toString();
  return { state, url };
}

export function exchangeCode(app: MagaluApp, code: string, redirectUri: string): Promise<MagaluCredentials> {
  return requestTokens(app, { grant_type: "authorization_code", code, redirect_uri: redirectUri }, null);
}

const SANDBOX_REDIRECT = "http://127.0.0.1/api/canais/magalu/retorno";

/**
 * The same code flow run without a browser against Fluxo's sandbox, whose login page approves at once when told
 * which seller signs in (demo wiring and tests).
 */
export async function connectSandboxMagalu(
  sandboxUrl: string,
  sellerCnpj: string,
): Promise<{ credentials: MagaluCredentials; tokenExpiresAt: Date }> {
  const app: MagaluApp = {
    clientId: process.env.MAGALU_CLIENT_ID || SANDBOX_APP.clientId,
    clientSecret: process.env.MAGALU_CLIENT_SECRET || SANDBOX_APP.clientSecret,
    authUrl: new URL("/id-magalu", sandboxUrl).toString(),
    channelId: channelIdFor(sandboxUrl, {}),
  };
  const start = authorizationUrl(app, SANDBOX_REDIRECT, { seller: sellerCnpj });
  const res = await httpRequest(start.url, { timeoutMs: 10_000 });
  const location = res.header("location");
  if (res.status !== 302 || !location) {
    throw new Error(`O sandbox não autorizou o vendedor ${sellerCnpj} na Magalu (HTTP ${res.status}: ${res.text()})`);
  }
  const back = new URL(location);
  const code = back.searchParams.get("code");
  if (back.searchParams.get("state") !== start.state || !code) {
    throw new Error("O sandbox voltou da autorização da Magalu sem o código ou com outro state.");
  }
  const credentials = await exchangeCode(app, code, SANDBOX_REDIRECT);
  return { credentials, tokenExpiresAt: new Date(credentials.expiresAt) };
}
