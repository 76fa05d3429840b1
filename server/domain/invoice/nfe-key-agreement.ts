// The access key repeats nine of the note's own fields (SPEC §3). A key that disagrees with them comes from an edited
// file or one pieced together from two notes: an NFC-e (ide/mod 65) behind a model-55 key once invoiced an order.
import { formatCnpj, normalizeCnpj } from "@/server/domain/documents/cnpj";
import { formatCpf } from "@/server/domain/documents/cpf";
import { ACCESS_KEY_FIELDS } from "./access-key-parts";
import { ibgeStateByCode } from "./ibge-states";
import type { NfeFields } from "./nfe-fields";

const RESEND = "Baixe de novo o XML autorizado no emissor e envie o arquivo sem editar.";

type Comparison = { what: string; path: string; inKey: string; inDocument: string; same: boolean };

/** Why the key in infNFe/@Id disagrees with the document, naming the first field in key order; null when they agree. */
export function keyDisagreement(key: string, fields: NfeFields): string | null {
  const wrong = comparisons(key, fields).find((c) => !c.same);
  if (!wrong) return null;
  return `A chave de acesso do XML (Id do infNFe) não confere com a própria nota: ${wrong.what} é ${wrong.inKey} na chave e ${wrong.inDocument} no campo ${wrong.path}, sinal de que o arquivo foi alterado. ${RESEND}`;
}

/** Call only with a key that passed the layout checks (44 characters, digits where the layout wants them). */
function comparisons(key: string, fields: NfeFields): Comparison[] {
  const part = (field: keyof typeof ACCESS_KEY_FIELDS) => {
    const [from, to] = ACCESS_KEY_FIELDS[field];
    return key.slice(from - 1, to);
  };
  const ide = fields.keyed;
  const ideField = (what: string, name: string, inKey: string, inDocument: string): Comparison => ({
    what,
    path: `ide/${name}`,
    inKey,
    inDocument,
    same: inKey === inDocument,
  });
  // Leading zeros are layout padding in the key; the document may write serie and nNF without them.
  const count = (digits: string) => String(Number(digits));
  const keyMonth = part("yearMonth");
  const [year = "", month = ""] = ide.issueYearMonth.split("-");
  return [
    ideField("o código da UF", "cUF", stateLabel(part("stateCode")), stateLabel(ide.cUF)),
    ideField("o mês de emissão", "dhEmi", `${keyMonth.slice(2)}/20${keyMonth.slice(0, 2)}`, `${month}/${year}`),
    emitterComparison(part("cnpj"), fields),
    ideField("o modelo", "mod", part("model"), ide.mod),
    ideField("a série", "serie", count(part("series")), count(ide.serie)),
    ideField("o número", "nNF", count(part("number")), count(ide.nNF)),
    ideField("o tipo de emissão", "tpEmis", part("emissionType"), ide.tpEmis),
    ideField("o código numérico", "cNF", part("randomCode"), ide.cNF.padStart(8, "0")),
    ideField("o dígito verificador", "cDV", part("checkDigit"), ide.cDV),
  ];
}

function stateLabel(code: string): string {
  const state = ibgeStateByCode(code);
  return state ? `${code} (${state.uf})` : code;
}

/** An emitter with a CPF (a rural producer) fills the key's CNPJ positions with the CPF after three zeros. */
function emitterComparison(keyCnpj: string, fields: NfeFields): Comparison {
  if (fields.emitterCnpj !== null) {
    return {
      what: "o CNPJ do emitente",
      path: "emit/CNPJ",
      inKey: formatCnpj(keyCnpj),
      inDocument: formatCnpj(fields.emitterCnpj),
      same: normalizeCnpj(keyCnpj) === normalizeCnpj(fields.emitterCnpj),
    };
  }
  const cpf = fields.emitterCpf ?? "";
  return {
    what: "o documento do emitente",
    path: "emit/CPF",
    inKey: keyCnpj,
    inDocument: `CPF ${formatCpf(cpf)}`,
    same: keyCnpj === `000${cpf}`,
  };
}
