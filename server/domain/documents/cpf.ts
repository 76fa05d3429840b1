// CPF: 9 base digits + 2 mod-11 check digits (Receita Federal rule).

const CPF_SEPARATORS = /[.\-\s]/g;

export function normalizeCpf(input: string): string {
  return input.replace(CPF_SEPARATORS, "");
}

function mod11Digit(digits: string): number {
  // Weights run from digits.length + 1 down to 2, so the same routine serves both check digits.
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (digits.length + 1 - i);
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** The two check digits for a 9-digit CPF base. Throws on anything else, since that is a programming error. */
export function cpfCheckDigits(base9: string): string {
  if (!/^\d{9}$/.test(base9)) throw new RangeError(`cpfCheckDigits needs 9 digits, got "${base9}"`);
  const first = mod11Digit(base9);
  const second = mod11Digit(base9 + first);
  return `${first}${second}`;
}

/** Accepts formatted input (dots, dash, spaces). */
export function isValidCpf(input: string): boolean {
  const cpf = normalizeCpf(input);
  if (!/^\d{11}$/.test(cpf)) return false;
  // Repeated digits pass the arithmetic but are not issued.
  if (/^(\d)\1{10}$/.test(cpf)) return false;
  return cpfCheckDigits(cpf.slice(0, 9)) === cpf.slice(9);
}

/** 000.000.000-00 when the input has 11 digits; otherwise the normalized input, so partial typing is not mangled. */
export function formatCpf(input: string): string {
  const cpf = normalizeCpf(input);
  if (!/^\d{11}$/.test(cpf)) return cpf;
  return `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
}

/** A valid, unformatted CPF. `rand` returns numbers in [0, 1), like Math.random or a seeded PRNG. */
export function generateCpf(rand: () => number): string {
  let base = "";
  for (let i = 0; i < 9; i++) base += Math.min(9, Math.floor(rand() * 10));
  // A degenerate source (e.g. always 0) would give a repeated-digit base, which is refused; nudge the last digit.
  if (/^(\d)\1{8}$/.test(base)) base = base.slice(0, 8) + ((Number(base[8]) + 1) % 10);
  return base + cpfCheckDigits(base);
}
