// SkyHub authenticates every request by three headers; the store is the one the API key was issued to. The sandbox
// issues each seller's keys from its CNPJ (README, "SkyHub"), so the demo and the tests need no sign-up.
import { isValidCnpj, normalizeCnpj } from "../../../server/domain/documents";
import { error } from "../../http";
import type { JsonResponse } from "../../types";

const API_KEY = /^sandbox-([0-9A-Z]{14})$/;
const ACCOUNT_MANAGER_KEY = "fluxo-sandbox";

function header(headers: Record<string, string | string[] | undefined>, name: string): string {
  const value = headers[name];
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

/** The seller whose store the headers open, or the 401 SkyHub answers. */
export function storeOf(headers: Record<string, string | string[] | undefined>): { seller: string } | JsonResponse {
  const email = header(headers, "x-user-email");
  const apiKey = header(headers, "x-api-key");
  const accountManager = header(headers, "x-accountmanager-key");
  if (!email || !apiKey || !accountManager) {
    return error(401, "Envie os cabeçalhos X-User-Email, X-Api-Key e X-Accountmanager-Key.");
  }
  const seller = normalizeCnpj(API_KEY.exec(apiKey)?.[1] ?? "");
  if (!isValidCnpj(seller) || email.toLowerCase() !== `loja-${seller.toLowerCase()}@sandbox.skyhub.local`) {
    return error(401, "Usuário ou chave de API inválidos.");
  }
  if (accountManager !== ACCOUNT_MANAGER_KEY) return error(401, "X-Accountmanager-Key inválida.");
  return { seller };
}
