// CNPJ: 12 base characters + 2 numeric check digits. Since July 2026 the base may hold A-Z as well as digits;
// every character is valued at its char code minus 48, which keeps the classic result for all-digit CNPJs.

const CNPJ_SEPARATORS = /[./\-\s]/g;
const BASE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function normalizeCnpj(input: string): string {
  return input.replace(CNPJ_SEPARATORS, "").toUpperCase();
}

function mod11Digit(chars: string): number {
  // Weights 2..9 repeating, counted from the rightmost character.
  let sum = 0;
  for (let i = 0; i < chars.length; i++) {
    const weight = 2 + ((chars.length - 1 - i) % 8);
    sum += (chars.charCodeAt(i) - 48) * weight;
  }
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** The two check digits for a 12-character base (0-9, A-Z). Throws on anything else, a programming error. */
export function cnpjCheckDigits(base12: string): string {
  if (!/^[0-9A-Z]{12}$/.test(base12))
    throw new RangeError(`cnpjCheckDigits needs 12 characters 0-9/A-Z, got "${base12}"`);
  const first = mod11Digit(base12);
  const second = mod11Digit(base12 + first);
  return `${first}${second}`;
}

/** Numeric or alphanumeric; accepts formatted and lower-case input. */
export function isValidCnpj(input: string): boolean {
  const cnpj = normalizeCnpj(input);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj)) return false;
  // A repeated character passes the arithmetic for some characters but is never issued.
  if (/^(.)\1{13}$/.test(cnpj)) return false;
  return cnpjCheckDigits(cnpj.slice(0, 12)) === cnpj.slice(12);
}

/** XX.XXX.XXX/XXXX-XX when the input has 14 characters; otherwise the normalized input. */
export function formatCnpj(input: string): string {
  const cnpj = normalizeCnpj(input);
  if (cnpj.length !== 14) return cnpj;
  return `${cnpj.slice(0, 2)}.${cnpj.slice(2, 5)}.${cnpj.slice(5, 8)}/${cnpj.slice(8, 12)}-${cnpj.slice(12)}`;
}

/**
 * A valid, unformatted CNPJ for seeds and tests. `rand` returns numbers in [0, 1). Numeric CNPJs get branch 0001
 * (the head office, like most sellers); alphanumeric ones draw all 12 base characters from 0-9/A-Z.
 */
export function generateCnpj(rand: () => number, options: { alphanumeric?: boolean } = {}): string {
  const pick = (alphabet: string) =>
    alphabet.charAt(Math.min(alphabet.length - 1, Math.floor(rand() * alphabet.length)));
  let base = "";
  if (options.alphanumeric) {
    for (let i = 0; i < 12; i++) base += pick(BASE_CHARS);
    // A degenerate source would repeat one character, which is refused; nudge the last one.
    if (/^(.)\1{11}$/.test(base)) base = base.slice(0, 11) + (base[11] === "0" ? "1" : "0");
  } else {
    for (let i = 0; i < 8; i++) base += pick("0123456789");
    base += "0001";
  }
  return base + cnpjCheckDigits(base);
}
