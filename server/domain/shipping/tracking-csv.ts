import { parse } from "csv-parse/sync";
import { searchableText } from "../format";
import { CARRIERS, type TrackingInput } from "./tracking";

export interface TrackingCsvRow {
  line: number;
  orderCode: string;
  tracking: TrackingInput;
}

export type TrackingCsvResult = { ok: true; rows: TrackingCsvRow[] } | { ok: false; message: string };

// pt-BR headers as a seller would write them, in any order, with or without accents.
const HEADERS: Record<string, keyof TrackingCsvRow["tracking"] | "orderCode"> = {
  pedido: "orderCode",
  "numero do pedido": "orderCode",
  transportadora: "carrier",
  "codigo de rastreio": "code",
  rastreio: "code",
  "forma de envio": "method",
  "link de rastreio": "url",
  "data de envio": "handedAt",
  "data de postagem": "handedAt",
  "data de entrega a transportadora": "handedAt",
};

const MAX_ROWS = 2_000;

function carrierId(value: string): string {
  const wanted = searchableText(value);
  return CARRIERS.find((c) => c.id === wanted || searchableText(c.label) === wanted)?.id ?? value.trim();
}

/** "27/11/2026" or "2026-11-27" → "2026-11-27"; anything else is passed on for the tracking check to refuse. */
/** DD/MM/AAAA as spreadsheets write it (also D/M and a two-digit year, as Excel often saves) to YYYY-MM-DD. */
export function isoDay(value: string): string {
  const br = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(value.trim());
  if (!br) return value.trim();
  const [, day = "", month = "", year = ""] = br;
  return `${year.length === 2 ? `20${year}` : year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** Reads a tracking spreadsheet: `;` or `,`, UTF-8 with or without BOM, pt-BR headers in any order. */
export function readTrackingCsv(text: string): TrackingCsvResult {
  const clean = text.replace(/^\uFEFF/, "");
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(clean, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { ok: false, message: unreadableCsvMessage(error) };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, message: "A planilha está vazia. Use o modelo para ver as colunas esperadas." };
  const columns = header.map((h) => HEADERS[searchableText(h)]);
  for (const required of ["orderCode", "carrier", "code", "method", "handedAt"] as const) {
    if (!columns.includes(required)) {
      const names = {
        orderCode: "Pedido",
        carrier: "Transportadora",
        code: "Código de rastreio",
        method: "Forma de envio",
        handedAt: "Data de postagem",
      };
      return { ok: false, message: `Falta a coluna “${names[required]}”. Use o modelo para ver as colunas esperadas.` };
    }
  }
  if (body.length > MAX_ROWS)
    return { ok: false, message: `A planilha tem ${body.length} linhas; envie até ${MAX_ROWS} por vez.` };
  const rows = body.map((cells, i): TrackingCsvRow => {
    const get = (name: (typeof columns)[number]) => cells[columns.indexOf(name)]?.trim() ?? "";
    return {
      line: i + 2,
      orderCode: get("orderCode"),
      tracking: {
        carrier: carrierId(get("carrier")),
        code: get("code"),
        method: get("method"),
        url: get("url") || null,
        handedAt: isoDay(get("handedAt")),
      },
    };
  });
  return { ok: true, rows };
}

/** The parser's own words are English and technical: say in pt-BR which line broke and how to mend it. */
function unreadableCsvMessage(error: unknown): string {
  const { code, lines } = error as { code?: string; lines?: number };
  const where = typeof lines === "number" && lines > 0 ? `na linha ${lines}` : "em uma das linhas";
  switch (code) {
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return `A planilha tem aspas (") no meio de um campo ${where}. Remova as aspas, ou ponha o campo todo entre aspas dobrando as de dentro (""), e envie de novo.`;
    case "CSV_QUOTE_NOT_CLOSED":
      return `A planilha abre aspas (") ${where} e não as fecha. Feche as aspas do campo, ou remova-as, e envie de novo.`;
    case "CSV_MAX_RECORD_SIZE":
      return `A planilha tem um campo grande demais ${where}. Confira se o arquivo é mesmo a planilha de rastreios e envie de novo.`;
    default:
      return `A planilha não pôde ser lida (problema ${where}). Salve-a de novo como CSV (UTF-8), a partir do modelo, e envie outra vez.`;
  }
}
