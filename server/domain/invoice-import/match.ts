// Which order an uploaded NF-e belongs to. An order number written in the note by the seller's emitter wins
// (xPed, or the additional-information text); failing that, the buyer's document with the exact total and a
// plausible date. Every lookup is an exact-match index read, so matching stays cheap at a million orders.

import type { Db } from "../../../db/client";
import {
  approvedOrdersForRecipient,
  type ImportOrderSummary,
  ordersByCodes,
} from "../../../db/queries/invoice-imports";
import { normalizeDocument } from "../documents/index";
import type { NfeOrderReferences } from "../invoice/nfe-fields";
import type { NfeData } from "../invoice/nfe-xml";
import { comparableCode } from "../orders/order-code";

export type NfeMatch = { by: "reference" | "recipient"; orders: ImportOrderSummary[] } | { by: null; orders: [] };

const DAY_MS = 24 * 60 * 60 * 1000;
/** A note is issued after the sale; a month covers backorders and slow invoicing. */
const ISSUE_WINDOW_DAYS = 30;
const MAX_TOKENS = 100;

/**
 * Candidate order codes in the note: each xPed as written, and each code-shaped word of the free text
 * ("Pedido Americanas LAM-12340001" gives "LAM-12340001"). Only words with a digit: names and prose never match.
 */
export function referenceTokens(references: NfeOrderReferences): string[] {
  const tokens = new Set<string>();
  for (const po of references.purchaseOrders) tokens.add(po.trim());
  // An xPed is sometimes written as a phrase too ("Pedido 2000123456").
  const text = [...references.purchaseOrders, references.additionalInfo ?? ""].join(" ");
  const words = text.match(/[A-Za-z0-9][A-Za-z0-9-]{3,39}/g) ?? [];
  for (const word of words) {
    const clean = word.replace(/-+$/, "");
    if (/\d/.test(clean)) tokens.add(clean);
  }
  const list = [...tokens].filter(Boolean);
  return [...new Set([...list, ...list.map((t) => t.toUpperCase())])].slice(0, MAX_TOKENS);
}

export function findOrdersForNfe(db: Db, accountId: number, nfe: NfeData): NfeMatch {
  const referenced = ordersByCodes(db, accountId, referenceTokens(nfe.references).map(comparableCode));
  // A note may also cite an earlier order (a replacement, a complement): the one still waiting for it comes first.
  const waiting = referenced.filter((o) => o.status === "APPROVED");
  if (referenced.length > 0) return { by: "reference", orders: waiting.length > 0 ? waiting : referenced };
  if (!nfe.recipientDocument) return { by: null, orders: [] };
  const issued = nfe.issuedAt?.getTime() ?? null;
  const byRecipient = approvedOrdersForRecipient(db, accountId, {
    document: normalizeDocument(nfe.recipientDocument),
    totalCents: nfe.totalCents,
    placedFrom: issued === null ? null : new Date(issued - ISSUE_WINDOW_DAYS * DAY_MS),
    // The note's date is local to the emitter; a day of slack covers time zones and notes dated at midnight.
    placedTo: issued === null ? null : new Date(issued + DAY_MS),
  });
  return byRecipient.length > 0 ? { by: "recipient", orders: byRecipient } : { by: null, orders: [] };
}
