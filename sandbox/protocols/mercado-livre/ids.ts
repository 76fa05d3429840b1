// Mercado Livre's numeric ids over the sandbox's orders, both ways and without a table: an order's id is its code
// (the sandbox makes Mercado Livre codes of 16 digits), its shipment and billing info live in ranges of their own.
import { createHash } from "node:crypto";

const SHIPMENT_OFFSET = 3_000_000_000_000_000;
const BILLING_OFFSET = 6_000_000_000_000_000;

/** The order's numeric id, or null for a code Mercado Livre could not have made (not shown on this protocol). */
export function orderIdOf(code: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(code)) return null;
  const id = Number(code);
  return id < SHIPMENT_OFFSET ? id : null;
}

const inRange = (id: number, offset: number) =>
  Number.isSafeInteger(id) && id >= offset && id < offset + SHIPMENT_OFFSET ? String(id - offset) : null;

export const shipmentIdOf = (orderId: number) => orderId + SHIPMENT_OFFSET;
export const billingIdOf = (orderId: number) => orderId + BILLING_OFFSET;
export const codeOfShipment = (shipmentId: number) => inRange(shipmentId, SHIPMENT_OFFSET);
export const codeOfBilling = (billingId: number) => inRange(billingId, BILLING_OFFSET);

/** A seller's Mercado Livre user id: nine digits derived from the CNPJ, the same on every run. */
export function userIdOf(cnpj: string): number {
  return (Number.parseInt(createHash("sha256").update(cnpj).digest("hex").slice(0, 8), 16) % 900_000_000) + 100_000_000;
}
