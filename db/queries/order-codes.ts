import { and, inArray, type SQL } from "drizzle-orm";
import { compactOrderCode, orderCodeNumber } from "../../server/domain/orders/order-code";
import { codeNumber, compactCode, orders } from "../schema";

/**
 * Orders whose marketplace code is one of `typed`, compared without case or punctuation. The number reads the
 * (account, code number) index; the compact code then tells "LAM-123" from "MGZ-123".
 */
export function codeIsOneOf(typed: string[]): SQL | undefined {
  const compact = [...new Set(typed.map(compactOrderCode))].filter(Boolean);
  if (compact.length === 0) return undefined;
  return and(
    inArray(codeNumber(orders.marketplaceCode), [...new Set(compact.map(orderCodeNumber))]),
    inArray(compactCode(orders.marketplaceCode), compact),
  );
}
