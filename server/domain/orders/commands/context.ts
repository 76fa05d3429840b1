import type { Db } from "../../../../db/client";
import { DomainError } from "../../errors";
import { type OrderFacts, type SellerAction, sellerRefusal } from "../transitions";
import type { ActorRef } from "./apply";

/** Who acts, for which account: resolved by the API from the session, never from input. */
export interface SellerCommandContext {
  db: Db;
  accountId: number;
  actor: ActorRef;
  now?: Date;
}

export interface OrderRef {
  orderId: number;
  version: number;
}

export function ensureSellerMay(order: OrderFacts, action: SellerAction): void {
  const refusal = sellerRefusal(order, action);
  if (refusal) throw new DomainError(refusal.code, refusal.message);
}
