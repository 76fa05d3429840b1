// Levers a test pulls on the SkyHub protocol (POST /admin/skyhub): how long a read queue item stays hidden, and
// whether SkyHub's per-key limits answer 429. Off by default so the demo and the other tests never trip them.
import { z } from "zod";

export interface SkyhubSettings {
  /** SkyHub puts an order back in the queue when it is not deleted within 5 minutes. */
  queueLeaseMs: number;
  rateLimits: boolean;
}

const DEFAULTS: SkyhubSettings = { queueLeaseMs: 5 * 60_000, rateLimits: false };

export const settings: SkyhubSettings = { ...DEFAULTS };

const patchSchema = z.strictObject({
  queueLeaseMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .optional(),
  rateLimits: z.boolean().optional(),
});

export function patchSettings(raw: unknown): { ok: true; settings: SkyhubSettings } | { ok: false; error: string } {
  const parsed = patchSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "invalid settings" };
  Object.assign(settings, parsed.data);
  return { ok: true, settings: { ...settings } };
}

// Per API key and endpoint + method, as SkyHub counts: never more than the limit within any one second.
const sent = new Map<string, number[]>();

/** True when this request is one more than the key's limit allows in the last second. */
export function overLimit(key: string, perSecond: number, now: number): boolean {
  if (!settings.rateLimits) return false;
  const recent = (sent.get(key) ?? []).filter((at) => now - at < 1_000);
  if (recent.length >= perSecond) {
    sent.set(key, recent);
    return true;
  }
  recent.push(now);
  sent.set(key, recent);
  return false;
}
