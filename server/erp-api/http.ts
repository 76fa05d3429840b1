// SkyHub's answers: JSON in UTF-8, errors as {"error": "<message>"} (gitbook "HTTP response status codes").
import { DOMAIN_KIND_TO_HTTP } from "../api/errors";
import { asDomainError } from "../domain/storage-errors";

export interface ErpResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const noContent = (): ErpResponse => ({ status: 204, body: null });
export const ok = (body: unknown, status = 200): ErpResponse => ({ status, body });
export const fail = (status: number, message: string, headers?: Record<string, string>): ErpResponse => ({
  status,
  body: { error: message },
  headers,
});

export const INTERNAL_ERROR =
  "Erro interno do Fluxo. Tente de novo em instantes; se continuar, fale com o suporte do Fluxo.";

/** A domain refusal as SkyHub would answer it, with the same pt-BR message the seller's screen shows. */
export function fromError(error: unknown): ErpResponse {
  const domain = asDomainError(error);
  if (!domain) throw error;
  return fail(DOMAIN_KIND_TO_HTTP[domain.kind], domain.message);
}

/** The named parts of a multipart/form-data body, bytes kept as they came (an NF-e XML is a fiscal record). */
export function multipartParts(body: Buffer, contentType: string): Map<string, Buffer> | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return null;
  const parts = new Map<string, Buffer>();
  // latin1 maps every byte to one character and back, so the slices below are the original bytes.
  const text = body.toString("latin1");
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name) parts.set(name, Buffer.from(part.slice(split + 4).replace(/\r\n$/, ""), "latin1"));
  }
  return parts;
}
