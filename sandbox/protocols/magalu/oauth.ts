// ID Magalu's OAuth 2 as the sandbox plays it, under /id-magalu (id.magalu.com in production): a login page that
// approves at once when told which seller signs in, codes bound to their redirect URI, 2-hour access tokens and
// single-use refresh tokens (rotation is not documented either way: the stand-in takes the stricter reading).
import { randomBytes } from "node:crypto";
import { normalizeCnpj } from "../../../server/domain/documents";
import type { ApiRequest } from "../../api";
import type { SandboxStore } from "../../store";
import type { JsonResponse } from "../../types";
import { loadMagaluConfig, MAGALU_CHANNEL_ID } from "./config";
import { magaluError } from "./errors";
import { magaluTables } from "./tables";

const ID_PREFIX = "/id-magalu";
export const LOGIN = `${ID_PREFIX}/login`;
export const TOKEN = `${ID_PREFIX}/oauth/token`;

const CODE_TTL_MS = 10 * 60 * 1000;
const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const magaluConfig = loadMagaluConfig(process.env);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, body: string): JsonResponse {
  return {
    status,
    body: null,
    headers: { "content-type": "text/html; charset=utf-8" },
    text: `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>ID Magalu (sandbox)</title></head><body><h1>ID Magalu (sandbox)</h1>${body}</body></html>`,
  };
}

function knownSellers(store: SandboxStore): string[] {
  const rows = store.query("SELECT DISTINCT seller_cnpj FROM orders").all() as { seller_cnpj: string }[];
  const configured = (process.env.SANDBOX_SELLERS ?? "").split(",").map((s) => normalizeCnpj(s.trim()));
  return [...new Set([...configured, ...rows.map((r) => r.seller_cnpj)])].filter((s) => s !== "").sort();
}

function approve(store: SandboxStore, params: URLSearchParams, seller: string): JsonResponse {
  const code = randomBytes(24).toString("base64url");
  magaluTables(store)
    .query("INSERT INTO magalu_codes (code, seller_cnpj, client_id, redirect_uri, expires_at) VALUES (?, ?, ?, ?, ?)")
    .run(code, seller, params.get("client_id"), params.get("redirect_uri"), Date.now() + CODE_TTL_MS);
  const back = new URL(params.get("redirect_uri") ?? "");
  back.searchParams.set("code", code);
  const state = params.get("state");
  if (state) back.searchParams.set("state", state);
  return { status: 302, body: null, headers: { location: back.toString() }, text: "" };
}

/** GET /id-magalu/login lists the sellers (tenants) to grant, or approves the one hinted by `seller`; POST is the button. */
export function login(req: ApiRequest, store: SandboxStore): JsonResponse {
  const params = req.method === "POST" ? new URLSearchParams(req.body) : req.query;
  const problem =
    params.get("response_type") !== "code"
      ? "response_type deve ser code"
      : params.get("client_id") !== magaluConfig.clientId
        ? "client_id desconhecido"
        : !URL.canParse(params.get("redirect_uri") ?? "")
          ? "redirect_uri inválida"
          : null;
  if (problem) return page(400, `<p>${escapeHtml(problem)}</p>`);
  const seller = normalizeCnpj(params.get("seller") ?? "");
  if (seller) return approve(store, params, seller);
  const hidden = [...params.entries()]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const forms = knownSellers(store)
    .map(
      (cnpj) =>
        `<li><form method="post" action="${LOGIN}">${hidden}<input type="hidden" name="seller" value="${cnpj}"><span>Empresa ${cnpj}</span> <button type="submit">Autorizar</button></form></li>`,
    )
    .join("");
  return page(200, `<p>O aplicativo pede acesso aos pedidos da empresa. Escolha a empresa:</p><ul>${forms}</ul>`);
}

function issueTokens(store: SandboxStore, seller: string): JsonResponse {
  const access = randomBytes(32).toString("base64url");
  const refresh = randomBytes(32).toString("base64url");
  const now = Date.now();
  const insert = magaluTables(store).query(
    "INSERT INTO magalu_tokens (token, kind, seller_cnpj, expires_at) VALUES (?, ?, ?, ?)",
  );
  insert.run(access, "access", seller, now + magaluConfig.tokenTtlSeconds * 1000);
  insert.run(refresh, "refresh", seller, now + REFRESH_TTL_MS);
  return {
    status: 200,
    body: {
      access_token: access,
      token_type: "Bearer",
      expires_in: magaluConfig.tokenTtlSeconds,
      refresh_token: refresh,
      scope: "open:order-order-seller:read open:order-delivery-seller:read open:order-delivery-seller:write",
    },
  };
}

const invalidGrant = (description: string) => ({
  status: 400,
  body: { error: "invalid_grant", error_description: description },
});

type Row = { seller_cnpj: string; expires_at: number; used: number };

/** POST /id-magalu/oauth/token, form-encoded: authorization_code or refresh_token (spent on use). */
export function token(req: ApiRequest, store: SandboxStore): JsonResponse {
  const form = new URLSearchParams(req.body);
  if (form.get("client_id") !== magaluConfig.clientId || form.get("client_secret") !== magaluConfig.clientSecret) {
    return { status: 401, body: { error: "invalid_client", error_description: "invalid client credentials" } };
  }
  const tables = magaluTables(store);
  return store.transaction((): JsonResponse => {
    const now = Date.now();
    const grant = form.get("grant_type");
    if (grant === "authorization_code") {
      const code = form.get("code") ?? "";
      const row = tables.query("SELECT * FROM magalu_codes WHERE code = ?").get(code) as
        | (Row & { redirect_uri: string })
        | undefined;
      if (!row || row.used || row.expires_at < now) return invalidGrant("authorization code invalid, used or expired");
      if (row.redirect_uri !== form.get("redirect_uri")) return invalidGrant("redirect_uri does not match");
      tables.query("UPDATE magalu_codes SET used = 1 WHERE code = ?").run(code);
      return issueTokens(store, row.seller_cnpj);
    }
    if (grant === "refresh_token") {
      const given = form.get("refresh_token") ?? "";
      const row = tables.query("SELECT * FROM magalu_tokens WHERE token = ? AND kind = 'refresh'").get(given) as
        | Row
        | undefined;
      if (!row || row.used || row.expires_at < now) return invalidGrant("refresh token invalid, used or expired");
      tables.query("UPDATE magalu_tokens SET used = 1 WHERE token = ?").run(given);
      return issueTokens(store, row.seller_cnpj);
    }
    return { status: 400, body: { error: "unsupported_grant_type", error_description: "unsupported grant_type" } };
  });
}

const header = (req: ApiRequest, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
};

/** The seller behind `Authorization: Bearer`, with Magalu's channel in X-Channel-Id, or the answer Magalu gives. */
export function authenticate(req: ApiRequest, store: SandboxStore): { seller: string } | JsonResponse {
  const given = /^Bearer (\S+)$/.exec(header(req, "authorization"))?.[1];
  const row = given
    ? (magaluTables(store).query("SELECT * FROM magalu_tokens WHERE token = ? AND kind = 'access'").get(given) as
        | Row
        | undefined)
    : undefined;
  if (!row || row.expires_at < Date.now()) return magaluError(401, "unauthorized", "invalid or expired access token");
  const channel = header(req, "x-channel-id");
  if (!channel) return magaluError(400, "missing_channel", "X-Channel-Id header is required");
  if (channel !== MAGALU_CHANNEL_ID) return magaluError(403, "forbidden_channel", `channel ${channel} not allowed`);
  return { seller: row.seller_cnpj };
}
