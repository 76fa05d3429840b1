// First gate for an uploaded NF-e file: size, encoding and the obvious wrong files, all before any XML parsing.

/** A real NF-e is a few KB to a few hundred KB; 3 MB leaves room for large item lists and stops abuse. */
export const NFE_XML_MAX_BYTES = 3 * 1024 * 1024;

export type InputError = {
  code: "XML_EMPTY" | "XML_TOO_LARGE" | "NOT_XML" | "XML_NUL_BYTE" | "XML_DOCTYPE";
  message: string;
};

const RESEND = "Envie o arquivo XML da NF-e autorizada (termina em .xml), como baixado do emissor ou da SEFAZ.";

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(".", ",");
}

function byteLength(input: Uint8Array | string): number {
  if (typeof input !== "string") return input.byteLength;
  // Every UTF-16 code unit takes at least one UTF-8 byte, so long strings are refused without encoding them.
  if (input.length > NFE_XML_MAX_BYTES) return input.length;
  return new TextEncoder().encode(input).byteLength;
}

/** The document as text, or why it is not worth parsing. */
export function readXmlText(input: Uint8Array | string): { ok: true; text: string } | { ok: false; error: InputError } {
  const size = byteLength(input);
  if (size === 0)
    return { ok: false, error: { code: "XML_EMPTY", message: `O arquivo enviado está vazio. ${RESEND}` } };
  if (size > NFE_XML_MAX_BYTES) {
    return {
      ok: false,
      error: {
        code: "XML_TOO_LARGE",
        message: `O arquivo tem ${megabytes(size)} MB, acima do limite de 3 MB; o XML de uma NF-e costuma ter poucos KB. Confira se enviou o XML de uma única nota. ${RESEND}`,
      },
    };
  }
  // Lenient decoding: only ASCII fields are checked, and a stray byte in a name should not block an invoice.
  const text = (typeof input === "string" ? input : new TextDecoder("utf-8").decode(input)).replace(/^\uFEFF/, "");
  const start = text.trimStart();
  if (start.startsWith("%PDF")) {
    return notXml("O arquivo enviado é um PDF (provavelmente o DANFE), não o XML da nota.");
  }
  if (start.startsWith("PK\u0003\u0004"))
    return notXml("O arquivo enviado está compactado (ZIP); extraia o XML antes.");
  // XML forbids NUL outright; one usually means a UTF-16 file or a damaged copy, and a parser may cut the text there.
  if (text.includes("\u0000")) {
    return {
      ok: false,
      error: {
        code: "XML_NUL_BYTE",
        message: `O arquivo tem caracteres nulos (NUL), que um XML de NF-e nunca tem: ele foi danificado ou salvo em outra codificação, como UTF-16. ${RESEND}`,
      },
    };
  }
  if (!start.startsWith("<")) return notXml("O arquivo enviado não é um XML.");
  // NF-e never carries a DTD, and entity declarations are how XML bombs and external-entity reads start.
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    return {
      ok: false,
      error: {
        code: "XML_DOCTYPE",
        message: `O XML contém uma declaração DOCTYPE ou ENTITY, que uma NF-e nunca tem e que recusamos por segurança. ${RESEND}`,
      },
    };
  }
  return { ok: true, text };
}

function notXml(problem: string): { ok: false; error: InputError } {
  return { ok: false, error: { code: "NOT_XML", message: `${problem} ${RESEND}` } };
}
