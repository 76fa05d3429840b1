// Levers a test pulls on the Amazon protocol (POST /admin/amazon-sp). Off by default so the demo and the other
// tests never trip them: the usage plans' 429s, the two-minute lag searchOrders keeps behind the present, and the
// sellers whose app lacks the restricted Tax Invoicing role.
import { z } from "zod";

export interface AmazonSettings {
  rateLimits: boolean;
  searchLagMs: number;
  withoutTaxInvoicingRole: string[];
}

export const settings: AmazonSettings = { rateLimits: false, searchLagMs: 0, withoutTaxInvoicingRole: [] };

const patchSchema = z.strictObject({
  rateLimits: z.boolean().optional(),
  searchLagMs: z.number().int().min(0).max(3_600_000).optional(),
  withoutTaxInvoicingRole: z.array(z.string().regex(/^[0-9A-Z]{14}$/)).optional(),
});

export function patchSettings(raw: unknown): { ok: true; settings: AmazonSettings } | { ok: false; error: string } {
  const parsed = patchSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "invalid settings" };
  Object.assign(settings, parsed.data);
  buckets.clear();
  return { ok: true, settings: { ...settings } };
}

/** The published usage plans (requests per second, burst), sent back in x-amzn-RateLimit-Limit. */
export const PLANS: Record<string, { rate: number; burst: number }> = {
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  submitInvoice: { rate: 1.133, burst: 25 },
  getInvoiceStatus: { rate: 1.133, burst: 25 },
};

const buckets = new Map<string, { tokens: number; at: number }>();

/** True when the seller's bucket for the operation is empty (only while rateLimits is on). */
export function overQuota(seller: string, operation: string, now: number): boolean {
  const plan = PLANS[operation];
  if (!settings.rateLimits || !plan) return false;
  const key = `${seller}|${operation}`;
  const bucket = buckets.get(key) ?? { tokens: plan.burst, at: now };
  bucket.tokens = Math.min(plan.burst, bucket.tokens + ((now - bucket.at) / 1000) * plan.rate);
  bucket.at = now;
  buckets.set(key, bucket);
  if (bucket.tokens < 1) return true;
  bucket.tokens -= 1;
  return false;
}
