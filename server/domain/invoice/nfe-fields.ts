// Pulls the fields the hub needs out of a parsed NF-e tree, refusing anything not shaped like a filled-in NF-e
// (other XML documents, event files, schema templates full of the placeholder "string").
import { decimalTextToCents } from "../money";
import { parseBrazilDateTime } from "../time";
import { attributeOf, child, firstChild, nodesOf, textOf, type XmlNode, XmlShapeError } from "./xml-tree";

export type NfeProtocolFields = {
  status: string;
  reason: string | null;
  number: string | null;
  authorizedAt: Date | null;
  chNFe: string | null;
};

export type NfeFields = {
  /** infNFe/@Id without the "NFe" prefix, unchecked. */
  keyText: string;
  emitterCnpj: string | null;
  emitterCpf: string | null;
  emitterName: string;
  recipientDocument: string | null;
  recipientName: string | null;
  totalCents: number;
  issuedAt: Date | null;
  environment: 1 | 2;
  series: number;
  number: number;
  /** ide/tpNF: 1 for an outgoing note (a sale), 0 for an incoming one. */
  operationType: "0" | "1";
  keyed: NfeKeyedFields;
  /** Null when the file has no protNFe/infProt at all. */
  protocol: NfeProtocolFields | null;
  references: NfeOrderReferences;
};

/** The ide fields the access key repeats, as the document writes them (emit/CNPJ is in NfeFields). */
export type NfeKeyedFields = {
  cUF: string;
  /** "YYYY-MM" of ide/dhEmi as written, in the emitter's own offset, as the emitter put it in the key. */
  issueYearMonth: string;
  mod: string;
  serie: string;
  nNF: string;
  tpEmis: string;
  cNF: string;
  cDV: string;
};

/** Where an ERP or emitter writes the buyer's order number, so a note can be matched to its order. */
export type NfeOrderReferences = {
  /** compra/xPed and each item's prod/xPed, deduplicated. */
  purchaseOrders: string[];
  /** infAdic/infCpl, the free text printed on the DANFE. */
  additionalInfo: string | null;
};

export type Extracted = { ok: true; fields: NfeFields } | { ok: false; message: string };

const RESEND = "Envie o XML da NF-e autorizada, como baixado do emissor ou da SEFAZ.";
const EVENT_ROOTS = new Set(["procEventoNFe", "retEvento", "evento", "envEvento", "retEnvEvento"]);

class NotNfe extends Error {}

export function extractNfe(tree: XmlNode): Extracted {
  try {
    return { ok: true, fields: extract(tree) };
  } catch (error) {
    if (error instanceof NotNfe) return { ok: false, message: error.message };
    if (error instanceof XmlShapeError) {
      return {
        ok: false,
        message: `O XML tem mais de um elemento <${error.message}> onde a NF-e só admite um. Envie o XML de uma única NF-e autorizada.`,
      };
    }
    throw error;
  }
}

function extract(tree: XmlNode): NfeFields {
  const rootNames = Object.keys(tree).filter((name) => !name.startsWith("@_") && !name.startsWith("#"));
  const rootName = rootNames.length === 1 ? rootNames[0] : undefined;
  if (rootName === "nfeProc" || rootName === "NFe") {
    const root = child(tree, rootName);
    const nfe = rootName === "NFe" ? root : child(root, "NFe");
    const infNFe = child(nfe, "infNFe");
    if (!infNFe) throw new NotNfe(`O XML não traz o grupo infNFe, onde ficam os dados da NF-e. ${RESEND}`);
    const protocol = rootName === "nfeProc" ? child(child(root, "protNFe"), "infProt") : undefined;
    return fromInfNFe(infNFe, protocol);
  }
  if (rootName && EVENT_ROOTS.has(rootName)) {
    throw new NotNfe(
      `Este XML é de um evento da NF-e (como cancelamento ou carta de correção), não da própria nota. ${RESEND}`,
    );
  }
  const found = rootName ? `<${rootName}>` : "mais de um elemento principal";
  throw new NotNfe(
    `O XML não é de uma NF-e: esperávamos o elemento <nfeProc> ou <NFe> e encontramos ${found}. ${RESEND}`,
  );
}

/** Missing and placeholder values are told apart: one is an incomplete file, the other a schema template. */
function required(value: string | undefined, path: string): string {
  if (value === undefined || value === "")
    throw new NotNfe(`O XML não é de uma NF-e completa: falta o campo ${path}. ${RESEND}`);
  if (value.toLowerCase() === "string") {
    throw new NotNfe(
      `O XML não é de uma NF-e preenchida: o campo ${path} contém "string", texto de exemplo de um modelo de esquema, e não um valor real. ${RESEND}`,
    );
  }
  return value;
}

function badFormat(value: string, path: string): NotNfe {
  return new NotNfe(
    `O XML não é de uma NF-e válida: o campo ${path} tem o valor "${value}", fora do formato da NF-e. ${RESEND}`,
  );
}

function shaped(value: string, pattern: RegExp, path: string): string {
  if (!pattern.test(value)) throw badFormat(value, path);
  return value;
}

function fromInfNFe(infNFe: XmlNode, infProt: XmlNode | undefined): NfeFields {
  const id = required(attributeOf(infNFe, "Id"), "Id do infNFe (chave de acesso)");
  if (!id.startsWith("NFe")) {
    throw new NotNfe(
      `O XML não é de uma NF-e válida: o Id do infNFe deveria ser "NFe" seguido da chave de acesso, e é "${id}". ${RESEND}`,
    );
  }
  const ide = child(infNFe, "ide");
  const emit = child(infNFe, "emit");
  const dest = child(infNFe, "dest");
  const ideField = (name: string, pattern: RegExp) =>
    shaped(required(textOf(ide, name), `ide/${name}`), pattern, `ide/${name}`);
  const environment = ideField("tpAmb", /^[12]$/);
  const issuedAtText = ideField("dhEmi", /^\d{4}-\d{2}-\d{2}T/);
  const keyed: NfeKeyedFields = {
    cUF: ideField("cUF", /^\d{2}$/),
    issueYearMonth: issuedAtText.slice(0, 7),
    mod: ideField("mod", /^\d{2}$/),
    serie: ideField("serie", /^\d{1,3}$/),
    nNF: ideField("nNF", /^\d{1,9}$/),
    tpEmis: ideField("tpEmis", /^\d$/),
    cNF: ideField("cNF", /^\d{1,8}$/),
    cDV: ideField("cDV", /^\d$/),
  };
  const operationType = ideField("tpNF", /^[01]$/) === "1" ? "1" : "0";
  const emitterCnpj = textOf(emit, "CNPJ");
  const emitterCpf = textOf(emit, "CPF");
  required(emitterCnpj ?? emitterCpf, "emit/CNPJ");
  const emitterName = required(textOf(emit, "xNome"), "emit/xNome");
  const totalText = required(textOf(child(child(infNFe, "total"), "ICMSTot"), "vNF"), "total/ICMSTot/vNF");
  const totalCents = decimalTextToCents(totalText);
  if (totalCents === null) throw badFormat(totalText, "total/ICMSTot/vNF");
  // NFC-e and some exports have no recipient; that is for the order comparison to point out, not a broken file.
  const recipientDocument = textOf(dest, "CNPJ") ?? textOf(dest, "CPF") ?? textOf(dest, "idEstrangeiro") ?? "";
  if (recipientDocument) required(recipientDocument, "dest/CNPJ ou dest/CPF");

  return {
    keyText: id.slice(3),
    emitterCnpj: emitterCnpj ?? null,
    emitterCpf: emitterCpf ?? null,
    emitterName,
    recipientDocument: recipientDocument || null,
    recipientName: textOf(dest, "xNome") ?? null,
    totalCents,
    issuedAt: parseBrazilDateTime(issuedAtText),
    environment: environment === "1" ? 1 : 2,
    series: Number(keyed.serie),
    number: Number(keyed.nNF),
    operationType,
    keyed,
    protocol: infProt ? protocolFields(infProt) : null,
    references: orderReferences(infNFe),
  };
}

function orderReferences(infNFe: XmlNode): NfeOrderReferences {
  try {
    return readReferences(infNFe);
  } catch (error) {
    // References only help matching: a malformed one must not make an otherwise valid note unusable.
    if (error instanceof XmlShapeError) return { purchaseOrders: [], additionalInfo: null };
    throw error;
  }
}

function readReferences(infNFe: XmlNode): NfeOrderReferences {
  // Items may repeat xPed and a sloppy file may repeat <compra>: first occurrences are enough to match.
  const perItem = nodesOf(infNFe.det).map((det) => textOf(firstChild(det, "prod"), "xPed"));
  const all = [textOf(firstChild(infNFe, "compra"), "xPed"), ...perItem].filter((v): v is string => Boolean(v));
  return {
    purchaseOrders: [...new Set(all)],
    additionalInfo: textOf(firstChild(infNFe, "infAdic"), "infCpl") ?? null,
  };
}

function protocolFields(infProt: XmlNode): NfeProtocolFields {
  const authorizedAt = textOf(infProt, "dhRecbto");
  return {
    status: textOf(infProt, "cStat") ?? "",
    reason: textOf(infProt, "xMotivo") ?? null,
    number: textOf(infProt, "nProt") ?? null,
    authorizedAt: authorizedAt ? parseBrazilDateTime(authorizedAt) : null,
    chNFe: textOf(infProt, "chNFe") ?? null,
  };
}
