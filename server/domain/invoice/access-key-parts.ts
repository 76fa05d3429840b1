// Layout of the 44-character NF-e access key and the arithmetic on it. Validation with user-facing messages lives
// in ./access-key-checks.ts; ./access-key.ts is the public entry point.
import { type IbgeState, ibgeStateByCode } from "./ibge-states";

export const ACCESS_KEY_LENGTH = 44;

/** 1-based, inclusive positions, as the NF-e manual and DANFE readers count them. */
export const ACCESS_KEY_FIELDS = {
  stateCode: [1, 2],
  yearMonth: [3, 6],
  cnpj: [7, 20],
  model: [21, 22],
  series: [23, 25],
  number: [26, 34],
  emissionType: [35, 35],
  randomCode: [36, 43],
  checkDigit: [44, 44],
} as const;

const EMISSION_TYPE_LABELS: Record<string, string> = {
  "1": "Normal",
  "2": "Contingência FS-IA",
  "3": "Contingência SCAN",
  "4": "Contingência EPEC",
  "5": "Contingência FS-DA",
  "6": "Contingência SVC-AN",
  "7": "Contingência SVC-RS",
  "9": "Contingência off-line (NFC-e)",
};

/**
 * Removes what people paste along with a key: spaces (DANFE prints groups of 4), dots, dashes and the "NFe" prefix
 * of infNFe/@Id. Case is kept on purpose: the check digit treats "a" differently from "A", so a lower-case letter
 * must reach the checks and be refused, not silently fixed.
 */
export function normalizeAccessKey(input: string): string {
  // Repeated prefixes go too, so that normalising twice never removes more than normalising once.
  return input.replace(/[\s.-]/g, "").replace(/^(?:NFe)+/i, "");
}

/** Groups of 4 separated by spaces, as printed on the DANFE. */
export function formatAccessKeyGroups(input: string): string {
  return normalizeAccessKey(input).replace(/(.{4})(?=.)/g, "$1 ");
}

/** Modulo 11 over the first 43 characters (char code − 48, weights 2..9 from the right); 0 or 1 → 0. */
export function accessKeyCheckDigit(first43: string): string {
  if (!/^[0-9A-Z]{43}$/.test(first43)) {
    throw new RangeError(`accessKeyCheckDigit needs 43 characters 0-9/A-Z, got "${first43}"`);
  }
  let sum = 0;
  for (let i = 0; i < first43.length; i++) {
    sum += (first43.charCodeAt(i) - 48) * (2 + ((first43.length - 1 - i) % 8));
  }
  const remainder = sum % 11;
  return String(remainder < 2 ? 0 : 11 - remainder);
}

export type DecodedAccessKey = {
  stateCode: string | null;
  state: IbgeState | null;
  /** AAMM as in the key, e.g. "1809". */
  yearMonth: string | null;
  year: number | null;
  /** 1-12, or null when the key's month is not a month. */
  month: number | null;
  cnpj: string | null;
  model: string | null;
  series: number | null;
  number: number | null;
  emissionType: string | null;
  emissionTypeLabel: string | null;
  randomCode: string | null;
  checkDigit: string | null;
};

/** Every part the (possibly partial, possibly invalid) key already holds, so a form can show them while typing. */
export function decodeAccessKey(input: string): DecodedAccessKey {
  const key = normalizeAccessKey(input);
  const part = (field: keyof typeof ACCESS_KEY_FIELDS): string | null => {
    const [from, to] = ACCESS_KEY_FIELDS[field];
    return key.length >= to ? key.slice(from - 1, to) : null;
  };
  const digits = (value: string | null): number | null =>
    value !== null && /^\d+$/.test(value) ? Number(value) : null;

  const stateCode = part("stateCode");
  const yearMonth = part("yearMonth");
  const yy = digits(yearMonth?.slice(0, 2) ?? null);
  const mm = digits(yearMonth?.slice(2) ?? null);
  const emissionType = part("emissionType");
  return {
    stateCode,
    state: stateCode === null ? null : ibgeStateByCode(stateCode),
    yearMonth,
    year: yy === null ? null : 2000 + yy,
    month: mm !== null && mm >= 1 && mm <= 12 ? mm : null,
    cnpj: part("cnpj"),
    model: part("model"),
    series: digits(part("series")),
    number: digits(part("number")),
    emissionType,
    emissionTypeLabel: emissionType === null ? null : (EMISSION_TYPE_LABELS[emissionType] ?? null),
    randomCode: part("randomCode"),
    checkDigit: part("checkDigit"),
  };
}

export type AccessKeyParts = {
  stateCode: string | number;
  /** Full year, 2000-2099. */
  year: number;
  month: number;
  cnpj: string;
  /** Defaults to 55 (NF-e). */
  model?: string | number;
  series: number;
  number: number;
  /** Defaults to 1 (normal emission). */
  emissionType?: number;
  /** cNF, up to 8 digits. */
  randomCode: string | number;
};

function padded(value: string | number, width: number, label: string): string {
  const text = String(value).padStart(width, "0");
  if (!/^\d+$/.test(text) || text.length !== width)
    throw new RangeError(`${label} must fit ${width} digits, got "${value}"`);
  return text;
}

/** A key with its check digit, for tests and seeds. Throws when a part does not fit the layout. */
export function buildAccessKey(parts: AccessKeyParts): string {
  if (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 2099) {
    throw new RangeError(`year must be 2000-2099, got ${parts.year}`);
  }
  const cnpj = parts.cnpj.replace(/[./\-\s]/g, "").toUpperCase();
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj)) throw new RangeError(`cnpj must have 14 characters, got "${parts.cnpj}"`);
  if (!Number.isInteger(parts.month) || parts.month < 1 || parts.month > 12) {
    throw new RangeError(`month must be 1-12, got ${parts.month}`);
  }
  const first43 =
    padded(parts.stateCode, 2, "stateCode") +
    padded(parts.year % 100, 2, "year") +
    padded(parts.month, 2, "month") +
    cnpj +
    padded(parts.model ?? 55, 2, "model") +
    padded(parts.series, 3, "series") +
    padded(parts.number, 9, "number") +
    padded(parts.emissionType ?? 1, 1, "emissionType") +
    padded(parts.randomCode, 8, "randomCode");
  return first43 + accessKeyCheckDigit(first43);
}
