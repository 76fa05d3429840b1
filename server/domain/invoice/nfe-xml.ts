// Reads an uploaded NF-e XML and decides whether it can invoice the order (SPEC §3). Failures come in the order
// the seller can act on them: wrong file first, then a broken or foreign key, then authorisation state, then
// fit with the order. Differences from the order that do not make the note unusable are warnings.
import { formatCnpj, normalizeCnpj } from "@/server/domain/documents/cnpj";
import { formatDocument } from "@/server/domain/documents/index";
import { toSaoPauloYmd } from "../time";
import { ACCESS_KEY_ERROR_CODES, type AccessKeyCheckId, type AccessKeyErrorCode } from "./access-key";
import { type AccessKeyFinding, evaluateAccessKey } from "./access-key-checks";
import { namespaceProblem, versionProblem } from "./nfe-envelope";
import { findCancellation } from "./nfe-events";
import { extractNfe, type NfeFields, type NfeOrderReferences, type NfeProtocolFields } from "./nfe-fields";
import { keyDisagreement } from "./nfe-key-agreement";
import { type NfeXmlWarning, orderWarnings } from "./nfe-order-warnings";
import { readXmlText } from "./nfe-xml-input";
import { parseXml, type XmlNode } from "./xml-tree";

export type { NfeXmlWarning, NfeXmlWarningCode } from "./nfe-order-warnings";
export { NFE_XML_MAX_BYTES } from "./nfe-xml-input";

export type NfeXmlContext = {
  sellerCnpj: string;
  orderCustomerDocument?: string;
  orderTotalCents?: number;
  orderPlacedAt?: Date;
  mode: "production" | "sandbox";
  now?: Date;
};

export type NfeXmlErrorCode =
  | "XML_EMPTY"
  | "XML_TOO_LARGE"
  | "NOT_XML"
  | "XML_NUL_BYTE"
  | "XML_DOCTYPE"
  | "XML_MALFORMED"
  | "NOT_NFE"
  | "NFE_NAMESPACE"
  | "NFE_LAYOUT_VERSION"
  | "NFE_KEY_MISMATCH"
  | "NFE_NOT_OUTGOING"
  | "NFE_NO_PROTOCOL"
  | "NFE_PROTOCOL_KEY_MISMATCH"
  | "NFE_NOT_AUTHORIZED"
  | "NFE_CANCELED"
  | "NFE_HOMOLOGATION"
  | "NFE_EMITTER_MISMATCH"
  | AccessKeyErrorCode;

export type NfeProtocol = { status: string; number: string | null; authorizedAt: Date | null; chNFe: string };

export type NfeData = {
  accessKey: string;
  emitterCnpj: string;
  emitterName: string;
  recipientDocument: string | null;
  recipientName: string | null;
  totalCents: number;
  issuedAt: Date | null;
  environment: 1 | 2;
  /** Always present on success: an NF-e without an authorisation protocol is refused. */
  protocol: NfeProtocol;
  series: number;
  number: number;
  references: NfeOrderReferences;
};

export type NfeXmlResult =
  | { ok: true; nfe: NfeData; warnings: NfeXmlWarning[] }
  | { ok: false; error: { code: NfeXmlErrorCode; message: string } };

type Failure = Extract<NfeXmlResult, { ok: false }>;

const DOWNLOAD_AGAIN = "Baixe de novo o XML autorizado no emissor e envie o arquivo sem editar.";

const INCOMING_NOTE =
  "Esta NF-e é uma nota de entrada (tpNF 0), e o pedido de venda precisa de uma nota de saída (tpNF 1). Envie o XML da NF-e de saída emitida para este pedido.";

/** Findings about the key's own integrity, which point to a damaged or fake file rather than a wrong choice. */
const KEY_INTEGRITY: readonly AccessKeyCheckId[] = [
  "length",
  "charset",
  "state",
  "month",
  "model",
  "checkDigit",
  "cnpj",
];

const XML_KEY_FIX: Partial<Record<AccessKeyCheckId, string>> = {
  model: "Emita uma NF-e modelo 55 para este pedido e envie o XML dela.",
  issueMonth: "Envie o XML da nota emitida para este pedido.",
};

export function readNfeXml(bytes: Uint8Array | string, context: NfeXmlContext): NfeXmlResult {
  const input = readXmlText(bytes);
  if (!input.ok) return { ok: false, error: input.error };

  const parsed = parseXml(input.text);
  if (!parsed.ok) {
    const where = parsed.line === null ? "" : ` (erro na linha ${parsed.line}, coluna ${parsed.column})`;
    return fail("XML_MALFORMED", `O XML está corrompido ou incompleto${where}. ${DOWNLOAD_AGAIN}`);
  }

  const extracted = extractNfe(parsed.tree);
  if (!extracted.ok) return fail("NOT_NFE", extracted.message);
  const fields = extracted.fields;
  const foreignNamespace = namespaceProblem(parsed.tree, parsed.qualified);
  if (foreignNamespace) return fail("NFE_NAMESPACE", foreignNamespace);

  // Only the key's own rules here: its month against the order is checkNfeForOrder's.
  const { key, findings } = evaluateAccessKey(fields.keyText);
  const failing = (ids: readonly AccessKeyCheckId[]) => findings.find((f) => !f.ok && ids.includes(f.id));

  // An NFC-e stays the wrong kind of note in any layout, so its model is told before its version.
  const nfce = failing(["model"]);
  if (nfce) return keyFailure(nfce);
  const oldLayout = versionProblem(parsed.tree);
  if (oldLayout) return fail("NFE_LAYOUT_VERSION", oldLayout);
  const broken = failing(KEY_INTEGRITY);
  if (broken) return keyFailure(broken);
  const disagreement = keyDisagreement(key, fields);
  if (disagreement) return fail("NFE_KEY_MISMATCH", disagreement);
  if (fields.operationType !== "1") return fail("NFE_NOT_OUTGOING", INCOMING_NOTE);
  // The key agrees with emit/CNPJ, so matching the emitter to the seller settles the key's CNPJ too.
  const emitter = checkEmitter(fields, context.sellerCnpj);
  if (!emitter.ok) return emitter;
  const authorisation = checkAuthorisation(fields, key, parsed.tree, context.mode);
  if (!authorisation.ok) return authorisation;

  const { protocol } = authorisation;
  return checkNfeForOrder(
    {
      accessKey: key,
      emitterCnpj: emitter.cnpj,
      emitterName: fields.emitterName,
      recipientDocument: fields.recipientDocument,
      recipientName: fields.recipientName,
      totalCents: fields.totalCents,
      issuedAt: fields.issuedAt,
      environment: fields.environment,
      protocol: { status: protocol.status, number: protocol.number, authorizedAt: protocol.authorizedAt, chNFe: key },
      series: fields.series,
      number: fields.number,
      references: fields.references,
    },
    context,
  );
}

export type NfeOrderContext = Pick<
  NfeXmlContext,
  "orderCustomerDocument" | "orderTotalCents" | "orderPlacedAt" | "now"
>;

/**
 * What depends on the order, last: a note issued before the order's month is refused, a recipient or total that
 * differs is a warning. readNfeXml ends with it; a note it read earlier without an order (a bulk upload reads its
 * notes off the request's thread, outside any transaction) meets its order through this alone.
 */
export function checkNfeForOrder(nfe: NfeData, context: NfeOrderContext): NfeXmlResult {
  const { findings } = evaluateAccessKey(nfe.accessKey, { orderPlacedAt: context.orderPlacedAt, now: context.now });
  const lateOrEarly = findings.find((f) => !f.ok && f.id === "issueMonth");
  if (lateOrEarly) return keyFailure(lateOrEarly);
  return {
    ok: true,
    nfe,
    warnings: orderWarnings(nfe, {
      customerDocument: context.orderCustomerDocument,
      totalCents: context.orderTotalCents,
    }),
  };
}

function fail(code: NfeXmlErrorCode, message: string): Failure {
  return { ok: false, error: { code, message } };
}

function keyFailure(finding: AccessKeyFinding): Failure {
  const fix = XML_KEY_FIX[finding.id];
  const message = fix
    ? `${finding.text} ${fix}`
    : `A chave de acesso do XML (Id do infNFe) é inválida. ${finding.text} O arquivo pode ter sido alterado. ${DOWNLOAD_AGAIN}`;
  return fail(ACCESS_KEY_ERROR_CODES[finding.id], message);
}

function checkEmitter(fields: NfeFields, sellerCnpj: string): { ok: true; cnpj: string } | Failure {
  const cnpj = normalizeCnpj(fields.emitterCnpj ?? "");
  if (fields.emitterCnpj !== null && cnpj === normalizeCnpj(sellerCnpj)) return { ok: true, cnpj };
  const seller = formatCnpj(sellerCnpj);
  const emitter =
    fields.emitterCnpj !== null
      ? `CNPJ ${formatCnpj(fields.emitterCnpj)}`
      : `CPF ${formatDocument(fields.emitterCpf ?? "")}`;
  return fail(
    "NFE_EMITTER_MISMATCH",
    `Esta NF-e foi emitida por ${fields.emitterName} (${emitter}), e não pelo CNPJ da sua conta (${seller}). Envie o XML de uma nota emitida pela sua empresa.`,
  );
}

function checkAuthorisation(
  fields: NfeFields,
  key: string,
  tree: XmlNode,
  mode: NfeXmlContext["mode"],
): { ok: true; protocol: NfeProtocolFields } | Failure {
  const protocol = fields.protocol;
  if (!protocol) {
    return fail(
      "NFE_NO_PROTOCOL",
      "O XML é da NF-e sem o protocolo de autorização da SEFAZ (falta o protNFe), então não há como saber se ela foi autorizada. Envie o XML autorizado (nfeProc), que o emissor gera depois da autorização.",
    );
  }
  if (protocol.chNFe !== key) {
    const other = protocol.chNFe ? `é da chave ${protocol.chNFe}` : "não informa a chave";
    return fail(
      "NFE_PROTOCOL_KEY_MISMATCH",
      `O protocolo de autorização do XML ${other}, e não da chave desta NF-e (${key}). ${DOWNLOAD_AGAIN}`,
    );
  }
  if (protocol.status !== "100" && protocol.status !== "150") {
    const reason = protocol.reason ? `: ${protocol.reason}` : "";
    return fail(
      "NFE_NOT_AUTHORIZED",
      `A SEFAZ não autorizou esta NF-e (situação ${protocol.status || "não informada"}${reason}). Corrija a nota no emissor e envie o XML depois de autorizada (situação 100).`,
    );
  }
  const cancellation = findCancellation(tree, key);
  if (cancellation) {
    const when = cancellation.registeredAt
      ? ` em ${toSaoPauloYmd(cancellation.registeredAt).split("-").reverse().join("/")}`
      : "";
    const number = cancellation.protocol ? `, protocolo ${cancellation.protocol}` : "";
    return fail(
      "NFE_CANCELED",
      `Esta NF-e foi cancelada (cancelamento registrado na SEFAZ${when}${number}) e não vale mais para o pedido. Emita uma nova NF-e e envie o XML dela.`,
    );
  }
  if (fields.environment === 2 && mode === "production") {
    return fail(
      "NFE_HOMOLOGATION",
      "Esta NF-e foi emitida no ambiente de homologação (teste, tpAmb 2) e não tem valor fiscal. Emita a nota no ambiente de produção e envie o XML autorizado.",
    );
  }
  return { ok: true, protocol };
}
