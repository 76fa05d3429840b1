// SkyHub's headers: X-User-Email and X-Api-Key open one store; here, one Fluxo account, with a seller's rights on its
// orders and nothing else. X-Accountmanager-Key names the integrating platform at SkyHub; Fluxo issues no such key,
// so it is accepted and not required (docs/ERP-API.md).
import type { IncomingHttpHeaders } from "node:http";
import type { Db } from "../../db/client";
import { erpKeyByHash, touchErpKey } from "../../db/queries/erp-keys";
import { type ErpResponse, fail } from "./http";
import { hashErpKey } from "./keys";

export interface ErpCaller {
  keyId: number;
  keyName: string;
  accountId: number;
}

// A key's "last used" is for the settings page; once a minute is precise enough and spares a write per call.
const TOUCH_EVERY_MS = 60_000;

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

export function authenticate(db: Db, headers: IncomingHttpHeaders, now: Date): ErpCaller | ErpResponse {
  const email = header(headers, "x-user-email");
  const apiKey = header(headers, "x-api-key");
  if (!email || !apiKey) {
    return fail(
      401,
      "Envie os cabeçalhos X-User-Email e X-Api-Key com a chave criada na página API para ERP do Fluxo.",
    );
  }
  const key = erpKeyByHash(db, hashErpKey(apiKey));
  if (!key || key.userEmail.toLowerCase() !== email.toLowerCase()) {
    return fail(401, "E-mail ou chave de API inválidos: confira os dois na página API para ERP do Fluxo.");
  }
  if (key.revokedAt) {
    return fail(401, "Esta chave de API foi revogada: crie uma nova na página API para ERP do Fluxo.");
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) touchErpKey(db, key.id, now);
  return { keyId: key.id, keyName: key.name, accountId: key.accountId };
}
