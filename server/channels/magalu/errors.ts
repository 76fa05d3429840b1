// Magalu's error answers turned into what the hub shows; the body's shape is not documented, so the message is
// looked for where JSON APIs usually put it (docs/CHANNELS.md, "Magalu").
import { failureCauseOfStatus } from "../../domain/replication/outage";
import { MarketplaceCallError, type PushResult } from "../adapter";
import type { HttpAnswer } from "../http-client";

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

export function magaluMessage(res: HttpAnswer): string {
  const body = res.json() as Record<string, unknown> | undefined;
  const nested = body && typeof body.error === "object" ? (body.error as Record<string, unknown>) : {};
  const details = Array.isArray(body?.details) ? (body.details as Record<string, unknown>[]) : [];
  const detail = details
    .map((d) => [text(d?.field), text(d?.message)].filter(Boolean).join(": "))
    .filter(Boolean)
    .join("; ");
  const message = text(body?.message) ?? text(nested.message) ?? text(body?.error) ?? `HTTP ${res.status}`;
  return detail && !message.includes(detail) ? `${message} — ${detail}` : message;
}

/** Seconds or an HTTP date; Magalu's rate-limit page does not say whether it sends one. */
function retryAfterMs(res: HttpAnswer, now = Date.now()): number | null {
  const header = res.header("retry-after");
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A failed call's verdict: the seller can fix a 4xx; 429, 5xx and a 401 after the refresh are worth trying again. */
export function failedPush(res: HttpAnswer): PushResult {
  const message = magaluMessage(res);
  if (res.status === 403) {
    return {
      outcome: "rejected",
      reason: `Magalu: o aplicativo do Fluxo não tem permissão para esta ação (“${message}”). Confira os escopos de pedidos e entregas do aplicativo no ID Magalu e conecte de novo.`,
    };
  }
  if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 408 && res.status !== 429) {
    // Magalu words its refusals in English: quoted inside a pt-BR sentence that says what to do.
    return {
      outcome: "rejected",
      reason: `A Magalu recusou a atualização (“${message}”): corrija o que ela aponta e reenvie pelo pedido.`,
    };
  }
  const error =
    res.status === 429 ? "Limite de requisições da Magalu (429)" : `Magalu respondeu HTTP ${res.status}: ${message}`;
  return { outcome: "transient", error, retryAfterMs: retryAfterMs(res), cause: failureCauseOfStatus(res.status) };
}

/** For reads: anything but success is an error the caller reports (the worker retries on its next pass). */
export class MagaluReadError extends MarketplaceCallError {
  constructor(
    what: string,
    readonly answer: HttpAnswer,
  ) {
    super(
      `A leitura de ${what} na Magalu falhou (HTTP ${answer.status}: ${magaluMessage(answer)}); o Fluxo tenta de novo na próxima leitura.`,
      failureCauseOfStatus(answer.status),
      answer.status === 429 ? retryAfterMs(answer) : null,
    );
  }
}
