// UPU S10 item identifiers, the format of Correios tracking codes: AA 12345678 5 BR.

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
export const S10_PATTERN = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

/** Check digit for the 8-digit serial: mod 11 with weights 8 6 4 2 3 5 9 7; remainder 0 → 5, 1 → 0. */
export function s10CheckDigit(eightDigits: string): string {
  if (!/^\d{8}$/.test(eightDigits)) throw new RangeError(`s10CheckDigit needs 8 digits, got "${eightDigits}"`);
  let sum = 0;
  S10_WEIGHTS.forEach((weight, i) => {
    sum += Number(eightDigits[i]) * weight;
  });
  const remainder = sum % 11;
  if (remainder === 0) return "5";
  if (remainder === 1) return "0";
  return String(11 - remainder);
}

/** Trim, drop inner spaces (codes are often printed in groups) and upper-case. */
export function normalizeTrackingCode(input: string): string {
  return input.replace(/\s/g, "").toUpperCase();
}

export function isValidS10(input: string): boolean {
  const code = normalizeTrackingCode(input);
  return S10_PATTERN.test(code) && s10CheckDigit(code.slice(2, 10)) === code.charAt(10);
}
