/**
 * The ways a person may type a marketplace order code that still mean the same order. Marketplaces issue
 * codes in capitals ("MGZ-62523000253", "CRF2612000084-A"); sellers type them in lower case too.
 */
export function orderCodeCandidates(typed: string): string[] {
  const code = typed.trim();
  return [...new Set([code, code.toUpperCase()])].filter(Boolean);
}
