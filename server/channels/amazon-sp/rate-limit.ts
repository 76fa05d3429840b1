// SP-API limits each operation per selling partner and app with a token bucket: a burst, refilled at a rate per
// second. The defaults are the published usage plans; the rate actually applied comes back in x-amzn-RateLimit-Limit
// and replaces the default. A request waits for a token instead of meeting a 429 the bucket would have predicted.
import { MarketplaceCallError } from "../adapter";

export interface UsagePlan {
  /** Requests per second. */
  rate: number;
  burst: number;
}

/** Published defaults (the models' "Usage Plan" tables, selling-partner-api-models 34dc93f). */
export const USAGE_PLANS = {
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  submitInvoice: { rate: 1.133, burst: 25 },
  getInvoiceStatus: { rate: 1.133, burst: 25 },
} as const satisfies Record<string, UsagePlan>;

export type Operation = keyof typeof USAGE_PLANS;

/** The next token is further away than the caller may wait (a worker's lease would run out first). */
export class AmazonRateLimitBusy extends MarketplaceCallError {
  constructor(readonly waitMs: number) {
    super(`limite de requisições da Amazon: próxima vez em ${Math.ceil(waitMs / 1000)} s`, "rate_limited", waitMs);
  }
}

interface Bucket {
  plan: UsagePlan;
  tokens: number;
  at: number;
}

// Per process, like the adapter's other state: adapterFor builds a new adapter for every call.
const buckets = new Map<string, Bucket>();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function bucketOf(key: string, operation: Operation, now: number): Bucket {
  let bucket = buckets.get(key);
  if (!bucket) {
    const plan = USAGE_PLANS[operation];
    bucket = { plan: { ...plan }, tokens: plan.burst, at: now };
    buckets.set(key, bucket);
  }
  bucket.tokens = Math.min(bucket.plan.burst, bucket.tokens + ((now - bucket.at) / 1000) * bucket.plan.rate);
  bucket.at = now;
  return bucket;
}

/** Takes one token, waiting for it; throws AmazonRateLimitBusy when it is more than `maxWaitMs` away. */
export async function takeToken(
  key: string,
  operation: Operation,
  maxWaitMs = Number.POSITIVE_INFINITY,
  now = Date.now(),
): Promise<void> {
  const bucket = bucketOf(key, operation, now);
  const waitMs = bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / bucket.plan.rate) * 1000);
  if (waitMs > maxWaitMs) throw new AmazonRateLimitBusy(waitMs);
  // Reserved now (the balance may go below zero) so concurrent lanes line up instead of sharing one token.
  bucket.tokens -= 1;
  if (waitMs > 0) await sleep(waitMs);
}

/** What the marketplace said it applies (x-amzn-RateLimit-Limit), or a 429: the bucket follows it. */
export function observe(key: string, operation: Operation, answer: { status: number; rateHeader: string | null }) {
  const bucket = bucketOf(key, operation, Date.now());
  const rate = Number(answer.rateHeader);
  if (answer.rateHeader !== null && Number.isFinite(rate) && rate > 0) bucket.plan.rate = rate;
  // Amazon's bucket is empty whatever was counted here: the next request waits for a whole token.
  if (answer.status === 429) bucket.tokens = Math.min(bucket.tokens, 0);
}

/** The rate the bucket applies now (for the connection's figures and the tests). */
export function currentRate(key: string, operation: Operation): number {
  return bucketOf(key, operation, Date.now()).plan.rate;
}
