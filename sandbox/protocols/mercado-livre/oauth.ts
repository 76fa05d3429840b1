// Mercado Livre's OAuth 2 as the sandbox plays it: an authorization page (approving at once when told which seller
// signs in), codes checked against their PKCE challenge, 6-hour access tokens and single-use rotating refresh tokens.
import { createHash, randomBytes } from "node:crypto";
import { normalizeCnpj } from "../../../server/domain/documents";
import type { ApiRequest } from "../../api";
import { loadMercadoLivreConfig } from "../../config";
import type { SandboxStore } from "../../store";
import type { JsonResponse } from "../../types";
import { mlError } from "./errors";
import { userIdOf } from "./ids";
import { grant, mlTables, sellerOfUser } from "./tables";

const CODE_TTL_MS = 10 * 60 * 1000;
const REFRESH_TTL_MS = 180 * 24 * 60 * 60 * 1000;

export const mlConfig = loadMercadoLivreConfig(process.env);

const invalidGrant = (description: string) => ({
  status: 400,
  body: { error: "invalid_grant", error_description: description, message: description, status: 400, cause: [] },
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function knownSellers(store: SandboxStore): string[] {
  const fromOrders = (store.query("SELECT DISTINCT seller_cnpj FROM orders").all() as { seller_cnpj: string }[]).map(
    (row) => row.seller_cnpj,
  );
  const configured = (process.env.SANDBOX_SELLERS ?? "").split(",").map((s) => normalizeCnpj(s.trim()));
  return [...new Set([...configured, ...fromOrders])].filter((s) => s !== "").sort();
}

/** The query an authorization request must carry, or the error page to show instead. */
function authorizationParams(params: URLSearchParams): { params: URLSearchParams } | { response: JsonResponse } {
  const problem =
    params.get("response_type") !== "code"
      ? "response_type deve ser code"
      : params.get("client_id") !== mlConfig.clientId
        ? "client_id desconhecido"
        : !params.get("redirect_uri") || !URL.canParse(params.get("redirect_uri") ?? "")
          ? "redirect_uri inválida"
          : params.get("code_challenge") && params.get("code_challenge_method") !== "S256"
            ? "code_challenge_method deve ser S256"
            : null;
  if (!problem) return { params };
  return {
    response: {
      status: 400,
      body: null,
      headers: { "content-type": "text/html; charset=utf-8" },
      text: page(`<p>${escapeHtml(problem)}</p>`),
    },
  };
}

function page(body: string): string {
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Mercado Livre (sandbox) — autorizar</title></head><body><h1>Mercado Livre (sandbox)</h1>${body}</body></html>`;
}

function approve(store: SandboxStore, params: URLSearchParams, seller: string): JsonResponse {
  const userId = userIdOf(seller);
  grant(store, userId, seller);
  const code = `TG-${randomBytes(16).toString("hex")}-${userId}`;
  mlTables(store)
    .query(
      "INSERT INTO ml_codes (code, user_id, client_id, redirect_uri, challenge, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .run(
      code,
      userId,
      params.get("client_id"),
      params.get("redirect_uri"),
      params.get("code_challenge"),
      Date.now() + CODE_TTL_MS,
    );
  const back = new URL(params.get("redirect_uri") ?? "");
  back.searchParams.set("code", code);
  const state = params.get("state");
  if (state) back.searchParams.set("state", state);
  return { status: 302, body: null, headers: { location: back.toString() }, text: "" };
}

/** GET shows the sellers to choose from (or approves the one hinted by `seller`); POST is the button. */
export function authorization(req: ApiRequest, store: SandboxStore): JsonResponse {
  const params = req.method === "POST" ? new URLSearchParams(req.body) : req.query;
  const checked = authorizationParams(params);
  if ("response" in checked) return checked.response;
  const seller = normalizeCnpj(params.get("seller") ?? "");
  if (seller) return approve(store, params, seller);
  const hidden = [...params.entries()]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const forms = knownSellers(store)
    .map(
      (cnpj) =>
        `<li><form method="post" action="/authorization">${hidden}<input type="hidden" name="seller" value="${cnpj}"><span>Vendedor ${cnpj}</span> <button type="submit">Autorizar</button></form></li>`,
    )
    .join("");
  return {
    status: 200,
    body: null,
    headers: { "content-type": "text/html; charset=utf-8" },
    text: page(
      `<p>O aplicativo ${escapeHtml(mlConfig.clientId)} pede acesso às suas vendas. Entrar como:</p><ul>${forms}</ul>`,
    ),
  };
}

function issueTokens(store: SandboxStore, userId: number, clientId: string): JsonResponse {
  const access = `APP_USR-${mlConfig.clientId}-${randomBytes(16).toString("hex")}-${userId}`;
  const refresh = `TG-${randomBytes(20).toString("hex")}-${userId}`;
  const now = Date.now();
  const insert = mlTables(store).query(
    "INSERT INTO ml_tokens (token, kind, user_id, client_id, expires_at) VALUES (?, ?, ?, ?, ?)",
  );
  insert.run(access, "access", userId, clientId, now + mlConfig.tokenTtlSeconds * 1000);
  insert.run(refresh, "refresh", userId, clientId, now + REFRESH_TTL_MS);
  return {
    status: 200,
    body: {
      access_token: access,
      token_type: "Bearer",
      expires_in: mlConfig.tokenTtlSeconds,
      scope: "offline_access read write",
      user_id: userId,
      refresh_token: refresh,
    },
  };
}

type Row = { user_id: number; client_id: string; expires_at: number; used: number };

/** POST /oauth/token, form-encoded: authorization_code (with PKCE) or refresh_token (spent on use). */
export function token(req: ApiRequest, store: SandboxStore): JsonResponse {
  const form = new URLSearchParams(req.body);
  if (form.get("client_id") !== mlConfig.clientId || form.get("client_secret") !== mlConfig.clientSecret) {
    return {
      status: 401,
      body: {
        error: "invalid_client",
        error_description: "invalid client_id or client_secret",
        message: "invalid client",
        status: 401,
        cause: [],
      },
    };
  }
  const tables = mlTables(store);
  return store.transaction(() => {
    const now = Date.now();
    if (form.get("grant_type") === "authorization_code") {
      const row = tables.query("SELECT *, challenge FROM ml_codes WHERE code = ?").get(form.get("code") ?? "") as
        | (Row & { redirect_uri: string; challenge: string | null })
        | undefined;
      if (!row || row.used || row.expires_at < now)
        return invalidGrant("the authorization code is invalid, used or expired");
      if (row.redirect_uri !== form.get("redirect_uri")) return invalidGrant("redirect_uri does not match");
      if (row.challenge) {
        const verifier = form.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== row.challenge) {
          return invalidGrant("code_verifier does not match the code_challenge");
        }
      }
      tables.query("UPDATE ml_codes SET used = 1 WHERE code = ?").run(form.get("code"));
      return issueTokens(store, row.user_id, row.client_id);
    }
    if (form.get("grant_type") === "refresh_token") {
      const given = form.get("refresh_token") ?? "";
      const row = tables.query("SELECT * FROM ml_tokens WHERE token = ? AND kind = 'refresh'").get(given) as
        | Row
        | undefined;
      if (!row || row.used || row.expires_at < now)
        return invalidGrant("the refresh token is invalid, used or expired");
      tables.query("UPDATE ml_tokens SET used = 1 WHERE token = ?").run(given);
      return issueTokens(store, row.user_id, row.client_id);
    }
    return mlError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
  });
}

export interface Caller {
  userId: number;
  seller: string;
}

/** The seller behind `Authorization: Bearer`, or the 401 Mercado Livre answers. */
export function authenticate(req: ApiRequest, store: SandboxStore): Caller | JsonResponse {
  const header = req.headers.authorization;
  const given = /^Bearer (\S+)$/.exec(Array.isArray(header) ? (header[0] ?? "") : (header ?? ""))?.[1];
  const row = given
    ? (mlTables(store).query("SELECT * FROM ml_tokens WHERE token = ? AND kind = 'access'").get(given) as
        | Row
        | undefined)
    : undefined;
  if (!row || row.expires_at < Date.now()) return mlError(401, "unauthorized", "invalid access token");
  const seller = sellerOfUser(store, row.user_id);
  if (!seller) return mlError(401, "unauthorized", "invalid access token");
  return { userId: row.user_id, seller };
}
