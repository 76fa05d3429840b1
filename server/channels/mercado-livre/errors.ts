// Mercado Livre answers errors as { message, error, status, cause }; this turns them into what the hub shows.
import { failureCauseOfStatus } from "../../domain/replication/outage";
import { MarketplaceCallError, type PushResult } from "../adapter";
import type { HttpAnswer } from "../http-client";

export function mlMessage(res: HttpAnswer): string {
  const body = res.json() as { message?: unknown; error?: unknown; cause?: unknown } | undefined;
  const message = typeof body?.message === "string" && body.message.trim() !== "" ? body.message.trim() : null;
  const error = typeof body?.error === "string" ? body.error : null;
  if (message && error && !message.includes(error)) return `${message} (${error})`;
  return message ?? error ?? `HTTP ${res.status}`;
}

/** A failed call's verdict: the seller can fix a 4xx; 429, 5xx and a 401 after the retry are worth trying again. */
export function failedPush(res: HttpAnswer): PushResult {
  const message = mlMessage(res);
  if (res.status === 403) {
    return {
      outcome: "rejected",
      reason: `Mercado Livre: o aplicativo do Fluxo não tem permissão para esta ação (${message}). No DevCenter do Mercado Livre, confira as permissões de Vendas e Envios do aplicativo e conecte de novo.`,
    };
  }
  if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 408 && res.status !== 429) {
    // Mercado Livre words its refusals in English or Spanish: quoted inside a pt-BR sentence that says what to do.
    return {
      outcome: "rejected",
      reason: `O Mercado Livre recusou a atualização (“${message}”): corrija o que ele aponta e reenvie pelo pedido.`,
    };
  }
  // No Retry-After in Mercado Livre's answers: the worker's exponential back-off decides the wait.
  const error =
    res.status === 429
      ? "Limite de requisições do Mercado Livre (429)"
      : `Mercado Livre respondeu HTTP ${res.status}: ${message}`;
  return { outcome: "transient", error, retryAfterMs: null, cause: failureCauseOfStatus(res.status) };
}

/** For reads: anything but success is an error the caller reports (the worker retries on its next pass). */
export class MercadoLivreReadError extends MarketplaceCallError {
  constructor(
    what: string,
    readonly answer: HttpAnswer,
  ) {
    super(
      `A leitura de ${what} no Mercado Livre falhou (HTTP ${answer.status}: ${mlMessage(answer)}); o Fluxo tenta de novo na próxima leitura.`,
      failureCauseOfStatus(answer.status),
    );
  }
}
