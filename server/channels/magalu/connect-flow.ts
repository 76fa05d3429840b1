// The hub's side of "Conectar com a Magalu": where to send the seller, and what to do when they come back.
import { createHmac } from "node:crypto";
import type { Db } from "../../../db/client";
import { saveAuthorizedConnection } from "../../../db/queries/oauth-connections";
import { encryptSecret, secretKeys } from "../../security/secrets";
import { openPending, sealPending } from "../mercado-livre/oauth";
import { MagaluConnectionLost } from "./credentials";
import { authorizationUrl, exchangeCode, MagaluNotConfigured, magaluApp } from "./oauth";
import { MagaluTokenError } from "./tokens";

export const MAGALU_PENDING_COOKIE = "fluxo_magalu_oauth";
const CALLBACK_PATH = "/api/canais/magalu/retorno";
const PENDING_TTL_MS = 10 * 60 * 1000;

// Its own key, derived from the secrets key, so the cookie's signature never doubles as anything else.
function cookieKey(): Buffer {
  return createHmac("sha256", secretKeys().current).update("fluxo:magalu-oauth-cookie").digest();
}

/** The redirect URI registered with ID Magalu (MAGALU_REDIRECT_URI), or this hub's own return route. */
function redirectUriFor(origin: string): string {
  return process.env.MAGALU_REDIRECT_URI || new URL(CALLBACK_PATH, origin).toString();
}

export function startMagaluConnect(origin: string, who: { accountId: number; userId: string }) {
  const start = authorizationUrl(magaluApp(), redirectUriFor(origin));
  // The pending record has room for a PKCE verifier; ID Magalu documents none, so it stays empty.
  const pending = { state: start.state, verifier: "", ...who, expiresAt: Date.now() + PENDING_TTL_MS };
  return { location: start.url, cookie: sealPending(pending, cookieKey()), maxAgeSeconds: PENDING_TTL_MS / 1000 };
}

export type MagaluConnectResult = { ok: true } | { ok: false; message: string };

/** Checks the state against the cookie, exchanges the code and stores the sealed tokens on the account's connection. */
export async function finishMagaluConnect(
  db: Db,
  input: { origin: string; cookie: string | null; userId: string; params: URLSearchParams },
): Promise<MagaluConnectResult> {
  const pending = openPending(input.cookie, cookieKey());
  if (input.params.get("error"))
    return { ok: false, message: "A autorização foi recusada no ID Magalu; nada foi alterado." };
  if (!pending || pending.userId !== input.userId || pending.state !== input.params.get("state")) {
    return {
      ok: false,
      message: 'A autorização expirou ou não começou aqui: clique de novo em "Conectar com a Magalu".',
    };
  }
  const code = input.params.get("code");
  if (!code) return { ok: false, message: "O ID Magalu não devolveu o código de autorização: tente de novo." };
  try {
    const app = magaluApp();
    const credentials = await exchangeCode(app, code, redirectUriFor(input.origin));
    saveAuthorizedConnection(
      db,
      {
        accountId: pending.accountId,
        channel: "magalu",
        baseUrl: app.apiUrl,
        sealedCredentials: encryptSecret(JSON.stringify(credentials), secretKeys()),
        tokenExpiresAt: new Date(credentials.expiresAt),
        marketplaceUserId: null,
      },
      new Date(),
    );
    return { ok: true };
  } catch (error) {
    if (error instanceof MagaluNotConfigured || error instanceof MagaluTokenError) {
      return { ok: false, message: error.message };
    }
    if (error instanceof MagaluConnectionLost) {
      return {
        ok: false,
        message: "O ID Magalu recusou o código de autorização (já usado ou expirado): conecte de novo.",
      };
    }
    return {
      ok: false,
      message: `O ID Magalu não respondeu (${(error as Error).message}): tente de novo em instantes.`,
    };
  }
}
