// The rules an access key must pass (SPEC §3), as findings that keep the problem apart from the fix, so the typed-key
// form and the XML reader can each tell the user what to do in their own situation.
import { formatCnpj, isValidCnpj, normalizeCnpj } from "@/server/domain/documents/cnpj";
import { formatMonthYear, monthIndex, saoPauloYearMonth } from "../time";
import {
  ACCESS_KEY_LENGTH,
  accessKeyCheckDigit,
  type DecodedAccessKey,
  decodeAccessKey,
  normalizeAccessKey,
} from "./access-key-parts";

export type AccessKeyCheckId =
  | "length"
  | "charset"
  | "state"
  | "month"
  | "model"
  | "checkDigit"
  | "cnpj"
  | "sellerCnpj"
  | "issueMonth";

export type AccessKeyContext = { sellerCnpj?: string; orderPlacedAt?: Date; now?: Date };

export type AccessKeyFinding = {
  id: AccessKeyCheckId;
  ok: boolean;
  /** What is right or wrong, in pt-BR. */
  text: string;
  /** What to do about it when typing the key; absent when ok or when the text already says it. */
  fix?: string;
};

const TYPE_FIX = "Confira a chave impressa no DANFE.";

export function evaluateAccessKey(
  input: string,
  context: AccessKeyContext = {},
): {
  key: string;
  decoded: DecodedAccessKey;
  findings: AccessKeyFinding[];
} {
  const key = normalizeAccessKey(input);
  const decoded = decodeAccessKey(key);
  const findings: AccessKeyFinding[] = [lengthFinding(key), charsetFinding(key)];
  const charsetOk = findings[1]?.ok === true;

  if (decoded.stateCode !== null) findings.push(stateFinding(decoded));
  if (decoded.yearMonth !== null) findings.push(monthFinding(decoded.yearMonth, decoded.month));
  if (decoded.model !== null) findings.push(modelFinding(decoded.model));
  if (key.length === ACCESS_KEY_LENGTH && charsetOk) findings.push(checkDigitFinding(key));
  if (decoded.cnpj !== null) {
    findings.push(cnpjFinding(decoded.cnpj));
    if (context.sellerCnpj !== undefined) findings.push(sellerCnpjFinding(decoded.cnpj, context.sellerCnpj));
  }
  if (decoded.year !== null && decoded.month !== null) {
    findings.push(issueMonthFinding(decoded.year, decoded.month, context));
  }
  return { key, decoded, findings };
}

function lengthFinding(key: string): AccessKeyFinding {
  if (key.length === ACCESS_KEY_LENGTH) return { id: "length", ok: true, text: "A chave tem 44 caracteres." };
  if (key.length === 0) {
    return {
      id: "length",
      ok: false,
      text: "Informe a chave de acesso da NF-e: são 44 caracteres, impressos no DANFE.",
    };
  }
  const hint = key.length < ACCESS_KEY_LENGTH ? "Confira se faltou algum." : "Confira se sobrou algum.";
  return {
    id: "length",
    ok: false,
    text: `A chave de acesso deve ter 44 caracteres, e a informada tem ${key.length}.`,
    fix: hint,
  };
}

/** Positions 7-18 are the CNPJ base, the only place an alphanumeric CNPJ puts letters. */
function allowsLetter(position: number): boolean {
  return position >= 7 && position <= 18;
}

function charsetFinding(key: string): AccessKeyFinding {
  for (let i = 0; i < key.length; i++) {
    const char = key.charAt(i);
    const position = i + 1;
    if (/\d/.test(char) || (/[A-Z]/.test(char) && allowsLetter(position))) continue;
    if (/[a-z]/.test(char) && allowsLetter(position)) {
      return {
        id: "charset",
        ok: false,
        text: `A chave tem a letra minúscula "${char}" na posição ${position}.`,
        fix: "Digite as letras do CNPJ em maiúsculas.",
      };
    }
    if (/[A-Za-z]/.test(char)) {
      return {
        id: "charset",
        ok: false,
        text: `A chave tem a letra "${char}" na posição ${position}, mas só as posições 7 a 18 (CNPJ) aceitam letras.`,
        fix: TYPE_FIX,
      };
    }
    return {
      id: "charset",
      ok: false,
      text: `A chave tem o caractere "${char}" na posição ${position}; ela só aceita números (e letras maiúsculas nas posições 7 a 18, do CNPJ).`,
      fix: "Apague esse caractere.",
    };
  }
  return { id: "charset", ok: true, text: "A chave só tem caracteres aceitos." };
}

function stateFinding(decoded: DecodedAccessKey): AccessKeyFinding {
  if (decoded.state) {
    return { id: "state", ok: true, text: `UF de emissão: ${decoded.state.name} (${decoded.state.uf}).` };
  }
  return {
    id: "state",
    ok: false,
    text: `O código de UF no início da chave (posições 1 e 2) é "${decoded.stateCode}", que não é de nenhum estado.`,
    fix: TYPE_FIX,
  };
}

function monthFinding(yearMonth: string, month: number | null): AccessKeyFinding {
  if (month !== null && /^\d{4}$/.test(yearMonth)) {
    return { id: "month", ok: true, text: `Mês de emissão: ${yearMonth.slice(2)}/20${yearMonth.slice(0, 2)}.` };
  }
  return {
    id: "month",
    ok: false,
    text: `O ano e mês de emissão (posições 3 a 6, formato AAMM) são "${yearMonth}", e o mês deve ir de 01 a 12.`,
    fix: TYPE_FIX,
  };
}

function modelFinding(model: string): AccessKeyFinding {
  if (model === "55") return { id: "model", ok: true, text: "Modelo 55 (NF-e)." };
  if (model === "65") {
    return {
      id: "model",
      ok: false,
      text: "Esta chave é de uma NFC-e (modelo 65, cupom do consumidor), que não é aceita para pedidos de marketplace.",
      fix: "Emita uma NF-e modelo 55 para este pedido e informe a chave dela.",
    };
  }
  return {
    id: "model",
    ok: false,
    text: `O modelo na chave (posições 21 e 22) é "${model}"; só a NF-e, modelo 55, é aceita.`,
    fix: TYPE_FIX,
  };
}

function checkDigitFinding(key: string): AccessKeyFinding {
  const expected = accessKeyCheckDigit(key.slice(0, 43));
  const given = key.charAt(43);
  if (given === expected) return { id: "checkDigit", ok: true, text: "Dígito verificador correto." };
  return {
    id: "checkDigit",
    ok: false,
    text: `O dígito verificador (último caractere) não confere: para os 43 primeiros caracteres ele deveria ser ${expected}, mas é ${given}.`,
    fix: "Algum caractere foi digitado errado; confira a chave inteira no DANFE.",
  };
}

function cnpjFinding(cnpj: string): AccessKeyFinding {
  if (isValidCnpj(cnpj)) return { id: "cnpj", ok: true, text: `CNPJ do emitente: ${formatCnpj(cnpj)}.` };
  return {
    id: "cnpj",
    ok: false,
    text: `O CNPJ na chave (posições 7 a 20) é "${cnpj}", que não é um CNPJ válido.`,
    fix: TYPE_FIX,
  };
}

function sellerCnpjFinding(cnpj: string, sellerCnpj: string): AccessKeyFinding {
  if (normalizeCnpj(cnpj) === normalizeCnpj(sellerCnpj)) {
    return { id: "sellerCnpj", ok: true, text: "O CNPJ da chave é o da sua conta." };
  }
  return {
    id: "sellerCnpj",
    ok: false,
    text: `O CNPJ na chave (${formatCnpj(cnpj)}) não é o CNPJ da sua conta (${formatCnpj(sellerCnpj)}).`,
    fix: "Informe a chave de uma nota emitida pela sua empresa.",
  };
}

function issueMonthFinding(year: number, month: number, context: AccessKeyContext): AccessKeyFinding {
  const issued = monthIndex(year, month);
  const label = formatMonthYear(year, month);
  const now = saoPauloYearMonth(context.now ?? new Date());
  if (issued > monthIndex(now.year, now.month)) {
    return {
      id: "issueMonth",
      ok: false,
      text: `A chave indica emissão em ${label}, um mês que ainda não chegou.`,
      fix: "Confira o ano e o mês (posições 3 a 6).",
    };
  }
  if (context.orderPlacedAt) {
    const placed = saoPauloYearMonth(context.orderPlacedAt);
    if (issued < monthIndex(placed.year, placed.month)) {
      return {
        id: "issueMonth",
        ok: false,
        text: `A chave indica emissão em ${label}, antes do mês em que o pedido foi feito (${formatMonthYear(placed.year, placed.month)}).`,
        fix: "Informe a nota emitida para este pedido.",
      };
    }
  }
  return { id: "issueMonth", ok: true, text: `Emitida em ${label}.` };
}
