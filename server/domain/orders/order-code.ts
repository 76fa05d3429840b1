import type { ComparableCode } from "../../../db/queries/order-codes";

/**
 * A typed order code as the hub compares codes: capitals, without spaces, dots, dashes or slashes. Sellers type
 * "mgz 62523000253" or "MGZ62523000253" for "MGZ-62523000253". The database's side is `compactCode` in
 * db/schema/orders.ts, which must do the same.
 */
export function compactOrderCode(typed: string): string {
  return typed.replace(/[\s.\-/]/g, "").toUpperCase();
}

/**
 * The number of an order code, without the marketplace's letters in front ("MGZ-62523000253" → "62523000253"):
 * what a customer quotes and what some marketplace panels show, so the board finds an order by it alone.
 * `codeNumber` in db/schema/orders.ts gives the same in SQL, and its index serves every code lookup.
 */
export function orderCodeNumber(typed: string): string {
  return compactOrderCode(typed).replace(/^[A-Z]+/, "");
}

/** A typed code in both forms the database's code index compares (`codeIsOneOf` in db/queries/order-codes.ts). */
export function comparableCode(typed: string): ComparableCode {
  return { compact: compactOrderCode(typed), number: orderCodeNumber(typed) };
}
