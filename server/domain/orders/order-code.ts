/**
 * A typed order code as the hub compares codes: capitals, without spaces, dots, dashes or slashes. Sellers type
 * "mgz 62523000253" or "MGZ62523000253" for "MGZ-62523000253". The database's side is `compactCode` in
 * db/schema/orders.ts, which must do the same.
 */
export function compactOrderCode(typed: string): string {
  return typed.replace(/[\s.\-/]/g, "").toUpperCase();
}
