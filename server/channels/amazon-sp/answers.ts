// SP-API answers in the hub's terms. Errors come as { errors: [{ code, message, details }] } in English: quoted inside
// a pt-BR sentence that says what to do. No Retry-After is promised: a 429 waits for the bucket to refill.
import { failureCauseOfStatus } from "../../domain/replication/outage";
import { MarketplaceCallError, type PushResult } from "../adapter";
import type { HttpAnswer } from "../http-client";
import { spApiError } from "./client";

export const ROLE_MISSING =
  "A Amazon recusou a chamada por falta de permissão do app: confira em Seller Central › Parceiros › Desenvolver apps se o app tem o papel Inventory and Order Tracking e autorize-o de novo.";

/** Said on the order (the update's refusal) when the NF-e cannot go through the API. */
export const INVOICE_ROLE_MISSING =
  "Sua conexão com a Amazon não tem o papel restrito Tax Invoicing, exigido para enviar a NF-e pela API: envie o XML desta nota em Seller Central › Pedidos › Gerenciar pedidos (Enviar nota fiscal) ou peça o papel no seu perfil de desenvolvedor e autorize o app de novo.";

export function unreachable(error: unknown): string {
  return `A Amazon (SP-API) não respondeu (${error instanceof Error ? error.message : String(error)}).`;
}

function quoted(answer: HttpAnswer): string {
  return spApiError(answer)?.text ?? `HTTP ${answer.status}`;
}

/** A call that did not succeed: the seller can fix a 4xx; a 429 and a 5xx are worth trying again. */
export function failedPush(answer: HttpAnswer, roleMissing = ROLE_MISSING): PushResult {
  const { status } = answer;
  if (status === 401 || status === 403) return { outcome: "rejected", reason: roleMissing };
  if (status === 413) {
    return {
      outcome: "rejected",
      reason:
        "A Amazon recusou o XML da NF-e por ser grande demais: envie o XML autorizado pela SEFAZ, sem anexos, e reenvie pelo pedido.",
    };
  }
  if (status === 429) {
    return {
      outcome: "transient",
      error: "Limite de requisições da Amazon (429)",
      retryAfterMs: null,
      cause: "rate_limited",
    };
  }
  if (status >= 400 && status < 500) {
    return {
      outcome: "rejected",
      reason: `A Amazon recusou a atualização (“${quoted(answer)}”): corrija o que ela aponta e reenvie pelo pedido.`,
    };
  }
  return {
    outcome: "transient",
    error: `A Amazon respondeu HTTP ${status}: ${quoted(answer)}`,
    retryAfterMs: null,
    cause: failureCauseOfStatus(status),
  };
}

/** For reads: an answer that is not the order (the worker logs it and tries later). */
export function readFailure(what: string, answer: HttpAnswer): MarketplaceCallError {
  if (answer.status === 401 || answer.status === 403) return new MarketplaceCallError(ROLE_MISSING, "refused");
  return new MarketplaceCallError(
    `A leitura de ${what} na Amazon falhou (HTTP ${answer.status}: ${quoted(answer)}); o Fluxo tenta de novo na próxima leitura.`,
    failureCauseOfStatus(answer.status),
  );
}
