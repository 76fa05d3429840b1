// Mirakl's answers in the hub's terms. The MMP seller spec declares only the success code per call (204, or 200 with
// a report for OR31/OR74); errors come as { message, status } (400 invalid, 401 key, 403, 404), in English, with
// Mirakl's error code in the message where it has one. No 429 or Retry-After is declared: both are honoured if sent.
import { failureCauseOfStatus } from "../../domain/replication/outage";
import { MarketplaceCallError, type PushResult } from "../adapter";
import type { HttpAnswer } from "../http-client";

export const KEY_REFUSED =
  "O Carrefour recusou a chave da loja (shop key). Gere uma nova chave no painel do Carrefour e salve-a em Conexões.";
export const KEY_MISSING = "A conexão com o Carrefour não tem a chave da loja: informe-a em Conexões.";
export const FORBIDDEN =
  "O Carrefour não permite esta operação para a chave da loja: confira com o Carrefour as permissões do usuário da chave.";

/** The transient wait when the answer names none. */
export const RETRY_AFTER_MS = 1_000;

// Mirakl's error codes (OR21's table and the common ones) as what the seller should do.
const ERROR_CODES: [code: string, reason: string][] = [
  [
    "ORDER_INVALID_STATE",
    "O pedido já não está na etapa que esta atualização exige no Carrefour; atualize o pedido no Fluxo (Consultar o marketplace) e confira.",
  ],
  [
    "ORDER_PARTIAL_ACCEPTANCE_DISABLED",
    "O Carrefour não permite aceitar só parte do pedido: aceite ou recuse o pedido inteiro.",
  ],
  [
    "ORDER_LINE_ACCEPTANCE_DECISION_MISSING",
    "O Carrefour pede uma decisão para cada item do pedido: consulte o pedido no marketplace e reenvie.",
  ],
  [
    "ORDER_LINE_NOT_FOUND",
    "Um item do pedido não existe mais no Carrefour: consulte o pedido no marketplace e reenvie.",
  ],
  ["ORDER_NOT_FOUND", "O Carrefour não encontrou o pedido: confira se ele é desta loja em Conexões."],
  ["ORDER_FULFILLED_UNAUTHORIZED", "Este pedido é atendido pelo próprio Carrefour: a loja não pode alterá-lo."],
];

/** Mirakl's own message, or null when the body says nothing readable. */
function miraklMessage(answer: HttpAnswer): string | null {
  const body = answer.json();
  if (body && typeof body === "object") {
    const message = (body as { message?: unknown }).message;
    if (typeof message === "string" && message.trim() !== "") return message.trim();
  }
  const raw = answer.text().trim();
  return raw !== "" && raw.length < 300 && !raw.startsWith("<") ? raw : null;
}

/** A refusal in the seller's words: a known Mirakl code as the fix, else Mirakl's message quoted. */
function refusalReason(answer: HttpAnswer): string {
  const message = miraklMessage(answer);
  const known = message ? ERROR_CODES.find(([code]) => message.includes(code)) : undefined;
  if (known) return known[1];
  if (answer.status === 404) return "O Carrefour não encontrou o pedido: confira se ele é desta loja em Conexões.";
  return message
    ? `O Carrefour recusou a atualização com a mensagem “${message}”: corrija o pedido no Fluxo ou fale com o Carrefour.`
    : `O Carrefour recusou a atualização (HTTP ${answer.status}) sem dizer o motivo: confira o pedido no painel do Carrefour.`;
}

function retryAfter(answer: HttpAnswer): number {
  const seconds = Number(answer.header("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : RETRY_AFTER_MS;
}

/** Any answer that is not a success: refused (4xx), or worth retrying (429, 5xx). */
export function failureResult(answer: HttpAnswer): PushResult {
  const { status } = answer;
  if (status === 401) return { outcome: "rejected", reason: `${KEY_REFUSED} Depois, reenvie.` };
  if (status === 403) return { outcome: "rejected", reason: FORBIDDEN };
  if (status === 429) {
    return {
      outcome: "transient",
      error: "Limite de requisições do Carrefour (429)",
      retryAfterMs: retryAfter(answer),
      cause: "rate_limited",
    };
  }
  if (status >= 400 && status < 500) return { outcome: "rejected", reason: refusalReason(answer) };
  return {
    outcome: "transient",
    error: `O Carrefour respondeu HTTP ${status}`,
    retryAfterMs: RETRY_AFTER_MS,
    cause: failureCauseOfStatus(status),
  };
}

export const ok = (answer: HttpAnswer) => answer.status >= 200 && answer.status < 300;

/** For reads: the error to raise on an answer that is not the order (the worker logs it and tries later). */
export function readFailure(what: string, answer: HttpAnswer): MarketplaceCallError {
  if (answer.status === 401) return new MarketplaceCallError(KEY_REFUSED, "refused");
  const detail = miraklMessage(answer);
  return new MarketplaceCallError(
    `${what}: o Carrefour respondeu HTTP ${answer.status}${detail ? ` (${detail})` : ""}`,
    failureCauseOfStatus(answer.status),
  );
}

export function unreachable(error: unknown): string {
  return `O Carrefour (Mirakl) não respondeu (${error instanceof Error ? error.message : String(error)}).`;
}
