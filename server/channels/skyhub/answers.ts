// SkyHub's answers in the hub's terms (gitbook "HTTP Response Status Codes"; best practices: fix and resend a 4xx,
// retry a 5xx). SkyHub sends no Retry-After, so a retry waits at least the one-second window its limits count.

import { failureCauseOfStatus } from "../../domain/replication/outage";
import { MarketplaceCallError, type PushResult } from "../adapter";
import type { HttpAnswer } from "../http-client";
import { skyhubError } from "./client";

export const RETRY_AFTER_MS = 1_000;

export const KEYS_REFUSED =
  "A Americanas recusou as chaves de acesso da SkyHub. Confira o e-mail do usuário, a API Key e a Account Manager Key em Conexões.";

export const KEYS_MISSING =
  "A conexão com a Americanas não tem as chaves da SkyHub. Informe o e-mail do usuário, a API Key e a Account Manager Key em Conexões.";

export function unreachable(error: unknown): string {
  return `A Americanas (SkyHub) não respondeu (${error instanceof Error ? error.message : String(error)}).`;
}

export function pushResult(answer: HttpAnswer): PushResult {
  const { status } = answer;
  if (status >= 200 && status < 300) {
    const body = answer.json();
    return {
      outcome: "acknowledged",
      response: { httpStatus: status, ...(body && typeof body === "object" ? (body as Record<string, unknown>) : {}) },
    };
  }
  if (status === 401 || status === 403) return { outcome: "rejected", reason: `${KEYS_REFUSED} Depois, reenvie.` };
  if (status === 429) {
    return {
      outcome: "transient",
      error: "Limite de requisições da Americanas (429)",
      retryAfterMs: RETRY_AFTER_MS,
      cause: "rate_limited",
    };
  }
  if (status >= 400 && status < 500) {
    const error = skyhubError(answer);
    return {
      outcome: "rejected",
      reason: error
        ? `A Americanas respondeu: ${error}`
        : `A Americanas recusou a atualização (HTTP ${status}) sem dizer o motivo; confira o pedido no painel da Americanas.`,
    };
  }
  return {
    outcome: "transient",
    error: `A Americanas respondeu HTTP ${status}`,
    retryAfterMs: RETRY_AFTER_MS,
    cause: failureCauseOfStatus(status),
  };
}

/** For reads: the error to raise on an answer that is not the order (the worker logs it and tries later). */
export function readFailure(what: string, answer: HttpAnswer): MarketplaceCallError {
  if (answer.status === 401 || answer.status === 403) return new MarketplaceCallError(KEYS_REFUSED, "refused");
  const detail = skyhubError(answer);
  return new MarketplaceCallError(
    `${what}: a Americanas respondeu HTTP ${answer.status}${detail ? ` (${detail})` : ""}`,
    failureCauseOfStatus(answer.status),
  );
}
