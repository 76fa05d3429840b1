// Login with Amazon on the sandbox's address (POST /auth/o2/token) and the access token SP-API expects in
// x-amz-access-token. The sandbox registers one app and issues each seller's refresh token from its CNPJ (README,
// "Amazon"); access tokens carry their seller and expiry, so they survive a sandbox restart like real ones.
import { isValidCnpj, normalizeCnpj } from "../../../server/domain/documents";
import type { ApiRequest } from "../../api";
import type { JsonResponse } from "../../types";
import { spError } from "./errors";

const CLIENT_ID = "amzn1.application-oa2-client.fluxo-sandbox";
const CLIENT_SECRET = "fluxo-sandbox-secret";
const REFRESH = /^Atzr\|sandbox-([0-9A-Z]{14})$/;
const ACCESS = /^Atza\|sandbox\|([0-9A-Z]{14})\|(\d+)$/;
const LIFETIME_S = 3600;

const lwaError = (status: number, error: string, description: string): JsonResponse => ({
  status,
  body: { error, error_description: description },
});

/** POST /auth/o2/token, form-encoded, grant_type=refresh_token: LWA's answers and errors. */
export function token(req: ApiRequest): JsonResponse {
  if (req.method !== "POST") return lwaError(405, "invalid_request", "Use POST.");
  const form = new URLSearchParams(req.body);
  if (form.get("grant_type") !== "refresh_token") {
    return lwaError(400, "unsupported_grant_type", "The authorization grant type is not supported.");
  }
  if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== CLIENT_SECRET) {
    return lwaError(401, "invalid_client", "Client authentication failed");
  }
  const refresh = form.get("refresh_token") ?? "";
  const seller = normalizeCnpj(REFRESH.exec(refresh)?.[1] ?? "");
  if (!isValidCnpj(seller))
    return lwaError(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
  return {
    status: 200,
    body: {
      access_token: `Atza|sandbox|${seller}|${Date.now() + LIFETIME_S * 1000}`,
      refresh_token: refresh,
      token_type: "bearer",
      expires_in: LIFETIME_S,
    },
  };
}

/** The seller whose access token the request carries, or SP-API's 403. */
export function sellerOf(req: ApiRequest): { seller: string } | JsonResponse {
  const header = req.headers["x-amz-access-token"];
  const value = (Array.isArray(header) ? header[0] : header) ?? "";
  const match = ACCESS.exec(value.trim());
  if (!match) return spError(403, "Unauthorized", "Access to requested resource is denied.", "");
  if (Number(match[2]) <= Date.now()) {
    return spError(
      403,
      "Unauthorized",
      "Access to requested resource is denied.",
      "The access token you provided has expired.",
    );
  }
  return { seller: match[1] ?? "" };
}
