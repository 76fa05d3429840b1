// The hub's side of "Conectar com o Mercado Livre": where to send the seller, and what to do when they come back.
import { createHmac } from "node:crypto";
import type { Db } from "../../../db/client";
import { saveAuthorizedConnection } from "../../../db/queries/oauth-connections";
import { encryptSecret, secretKeys } from "../../security/secrets";
import { ConnectionLostError } from "./credentials";
import {
  authorizationUrl,
  exchangeCode,
  MercadoLivreNotConfigured,
  mercadoLivreApp,
  openPending,
  type PendingAuthorization,
  sealPending,
} from "./oauth";
import { TokenEndpointError } from "./tokens";

export const PENDING_COOKIE = "fluxo_ml_oauth";
const CALLBACK_PATH = "/api/canais/mercado-livre/retorno";
const PENDING_TTL_MS = 10 * 60 * 1000;

// Its own key, derived from the secrets key, so the cookie's signature never doubles as anything else.
function cookieKey(): Buffer {
  return createHmac("sha256", secretKeys().current).update("fluxo:ml-oauth-cookie").digest();
}

/** The redirect URI registered with Mercado Livre (ML_REDIRECT_URI), or this hub's own return route. */
function redirectUriFor(origin: string, env: Record<string, string | undefined> = process.env): string {
  return env.ML_REDIRECT_URI || new URL(CALLBACK_PATH, origin).toString();
}

export function startConnect(origin: string, who: { accountId: number; userId: string }) {
  const app = mercadoLivreApp();
  const start = authorizationUrl(app, redirectUriFor(origin));
  const pending: PendingAuthorization = {
    state: start.state,
    verifier: start.verifier,
    accountId: who.accountId,
    userId: who.userId,
    expiresAt: Date.now() + PENDING_TTL_MS,
  };
  return { location: start.url, cookie: sealPending(pending, cookieKey()), maxAgeSeconds: PENDING_TTL_MS / 1000 };
}

export type ConnectResult = { ok: true } | { ok: false; message: string };

/** Checks the state against the cookie, exchanges the code and stores the sealed tokens on the account's connection. */
export async function finishConnect(
  db: Db,
  input: { origin: string; cookie: string | null; userId: string; params: URLSearchParams },
): Promise<ConnectResult> {
  const pending = openPending(input.cookie, cookieKey());
  const denied = input.params.get("error");
  if (denied) return { ok: false, message: "A autorização foi recusada no Mercado Livre; nada foi alterado." };
  if (!pending || pending.userId !== input.userId || pending.state !== input.params.get("state")) {
    return {
      ok: false,
      message: 'A autorização expirou ou não começou aqui. Clique de novo em "Conectar com o Mercado Livre".',
    };
  }
  const code = input.params.get("code");
  if (!code) return { ok: false, message: "O Mercado Livre não devolveu o código de autorização. Tente de novo." };
  try {
    const app = mercadoLivreApp();
    const credentials = await exchangeCode(app, code, redirectUriFor(input.origin), pending.verifier);
    saveAuthorizedConnection(
      db,
      {
        accountId: pending.accountId,
        channel: "mercado_livre",
        baseUrl: app.apiUrl,
        sealedCredentials: encryptSecret(JSON.stringify(credentials), secretKeys()),
        tokenExpiresAt: new Date(credentials.expiresAt),
        marketplaceUserId: credentials.userId,
      },
      new Date(),
    );
    return { ok: true };
  } catch (error) {
    if (error instanceof MercadoLivreNotConfigured || error instanceof TokenEndpointError) {
      return { ok: false, message: error.message };
    }
    if (error instanceof ConnectionLostError) {
      return {
        ok: false,
        message: "O Mercado Livre recusou o código de autorização (já usado ou expirado). Conecte de novo.",
      };
    }
    return {
      ok: false,
      message: `O Mercado Livre não respondeu (${(error as Error).message}). Tente de novo em instantes.`,
    };
  }
}
