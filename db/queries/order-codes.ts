import { and, inArray, type SQL } from "drizzle-orm";
import { codeNumber, compactCode, orders } from "../schema";

/**
 * A typed order code as the index compares it: compact (no case, spaces, dots, dashes or slashes) and its number
 * without the marketplace's letters. `comparableCode` in server/domain/orders/order-code.ts computes both.
 */
export interface ComparableCode {
  compact: string;
  number: string;
}

/**
 * Orders whose marketplace code is one of `codes`. The number reads the (account, code number) index; the compact
 * code then tells "LAM-123" from "MGZ-123".
 */
export function codeIsOneOf(codes: ComparableCode[]): SQL | undefined {
  const typed = codes.filter((code) => code.compact);
  if (typed.length === 0) return undefined;
  return and(
    inArray(codeNumber(orders.marketplaceCode), [...new Set(typed.map((code) => code.number))]),
    inArray(compactCode(orders.marketplaceCode), [...new Set(typed.map((code) => code.compact))]),
  );
}
