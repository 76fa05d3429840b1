// Misbehaviour on demand, so the hub's retry, back-off and de-duplication can be shown and tested against a
// marketplace that fails the way real ones do. Only /v1 routes are faulted: /health and /admin must keep working
// for the test that switches faults off again.
import { z } from "zod";
import { createRandom, type Random } from "../scripts/seed-data/random";
import type { JsonResponse } from "./types";

export interface FaultConfig {
  /** Share of /v1 requests answered 500 before doing anything. */
  errorRate: number;
  /** Delay added to every /v1 request. */
  latencyMs: number;
  /** Every /v1 request answered 503. */
  outage: boolean;
  /** Every n-th /v1 request answered 429; 0 turns it off. */
  rateLimitEvery: number;
  retryAfterSeconds: number;
  /** GET /v1/orders repeats some orders in its list, as at-least-once feeds do. */
  duplicateEvents: boolean;
  /** Share of updates applied and stored but answered 500: the response is "lost" on the way back. */
  errorAfterApply: number;
}

export const DEFAULT_FAULTS: FaultConfig = {
  errorRate: 0,
  latencyMs: 0,
  outage: false,
  rateLimitEvery: 0,
  retryAfterSeconds: 1,
  duplicateEvents: false,
  errorAfterApply: 0,
};

const faultPatchSchema = z.strictObject({
  errorRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  outage: z.boolean().optional(),
  rateLimitEvery: z.number().int().min(0).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  duplicateEvents: z.boolean().optional(),
  errorAfterApply: z.number().min(0).max(1).optional(),
});

export function parseFaultPatch(
  raw: unknown,
): { ok: true; patch: Partial<FaultConfig> } | { ok: false; error: string } {
  const parsed = faultPatchSchema.safeParse(raw);
  if (parsed.success) return { ok: true, patch: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { ok: false, error: `${where}${issue?.message ?? "invalid fault config"}` };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Faults {
  private current: FaultConfig;
  private random: Random;
  private requestCount = 0;

  constructor(
    private readonly initial: Partial<FaultConfig>,
    private readonly seed: number,
  ) {
    this.current = { ...DEFAULT_FAULTS, ...initial };
    this.random = createRandom(seed);
  }

  get config(): FaultConfig {
    return { ...this.current };
  }

  update(patch: Partial<FaultConfig>): FaultConfig {
    this.current = { ...this.current, ...patch };
    // A test that sets rateLimitEvery: 3 expects the third request from now on to be limited.
    this.requestCount = 0;
    return this.config;
  }

  /** Back to the startup config (SANDBOX_FAULTS) with a fresh PRNG, so a reset test run replays identically. */
  reset(): void {
    this.current = { ...DEFAULT_FAULTS, ...this.initial };
    this.random = createRandom(this.seed);
    this.requestCount = 0;
  }

  /** The fault answer for a /v1 request, or null to let it through. */
  async beforeRequest(): Promise<JsonResponse | null> {
    const c = this.current;
    if (c.latencyMs > 0) await sleep(c.latencyMs);
    if (c.outage) {
      return { status: 503, body: { error: "Marketplace indisponível (simulação de queda)." } };
    }
    this.requestCount++;
    if (c.rateLimitEvery > 0 && this.requestCount % c.rateLimitEvery === 0) {
      return {
        status: 429,
        body: { error: "Limite de requisições excedido; tente novamente após o tempo indicado em Retry-After." },
        headers: { "Retry-After": String(c.retryAfterSeconds) },
      };
    }
    if (c.errorRate > 0 && this.random.next() < c.errorRate) {
      return { status: 500, body: { error: "Erro interno do marketplace (simulado)." } };
    }
    return null;
  }

  /** True when an already applied update should be answered with a 500 instead of its stored response. */
  loseResponse(): boolean {
    const rate = this.current.errorAfterApply;
    return rate > 0 && this.random.next() < rate;
  }

  /** Repeats about a third of the entries right after themselves; order by seq stays non-decreasing. */
  duplicate<T>(list: T[]): T[] {
    if (!this.current.duplicateEvents || list.length === 0) return list;
    const out: T[] = [];
    for (const item of list) {
      out.push(item);
      if (this.random.next() < 0.35) out.push(item);
    }
    // Always at least one repeat, so a client test with a short page still sees the fault.
    if (out.length === list.length) out.splice(1, 0, list[0] as T);
    return out;
  }
}
