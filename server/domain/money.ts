// Money as integer cents. NF-e values are decimal text ("500.00"); going through floats would turn 0.29 into
// 28.999… cents, so the conversion is done on the digits.

/** "500.00" → 50000; up to 13 integer digits and 2 decimals (TDec_1302). Null when the text is not such a number. */
export function decimalTextToCents(text: string): number | null {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, units = "", fraction = ""] = match;
  return Number(units) * 100 + Number(fraction.padEnd(2, "0"));
}

/** 123456 → "R$ 1.234,56", without Intl so the text is the same on every runtime. */
export function formatBrl(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const digits = String(Math.abs(Math.trunc(cents))).padStart(3, "0");
  const units = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ".");
  return `${sign}R$ ${units},${digits.slice(-2)}`;
}
