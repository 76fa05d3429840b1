// The load benchmark's users: readers going through the board (lists under every filter, searches, counts, an
// order's page) and writers taking orders through invoice, shipment and delivery, all over the app's tRPC HTTP API
// with real sessions, each waiting for its answer and then pausing as a person would before the next click.
import { Agent, request } from "node:http";

export type Sample = { kind: string; ms: number; error: string | null };

export type Call = { path: string; input: unknown; mutation?: boolean };

/** One HTTP client for every user: kept-alive connections, as browsers hold them. */
export function tRpcClient(base: string, users: number) {
  // Idle connections are let go well before the server's 5 s keep-alive ends them (a busy client reads an answer
  // late), so no request goes out on a connection the server is closing: a browser retries those, this client
  // would count an error.
  const agent = new Agent({ keepAlive: true, maxSockets: users, timeout: 2_000 });
  const url = new URL(base);
  return (cookie: string, call: Call): Promise<{ status: number; body: string }> => {
    const body = JSON.stringify({ 0: { json: call.input } });
    const path = call.mutation
      ? `/api/trpc/${call.path}?batch=1`
      : `/api/trpc/${call.path}?batch=1&input=${encodeURIComponent(body)}`;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path,
          method: call.mutation ? "POST" : "GET",
          headers: {
            cookie,
            origin: base,
            ...(call.mutation ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (call.mutation) req.end(body);
      else req.end();
    });
  };
}

export type Client = ReturnType<typeof tRpcClient>;

/** The answer's data, or the reason it is an error (HTTP status or tRPC's error message). */
export function answer(res: { status: number; body: string }): { data: unknown; error: string | null } {
  try {
    const [first] = JSON.parse(res.body) as [{ result?: { data?: { json?: unknown } }; error?: { json?: unknown } }];
    if (res.status === 200 && first?.result) return { data: first.result.data?.json, error: null };
    const message = (first?.error?.json as { message?: string } | undefined)?.message;
    return { data: null, error: `HTTP ${res.status}${message ? `: ${message}` : ""}` };
  } catch {
    return { data: null, error: `HTTP ${res.status}` };
  }
}

export async function timed(
  client: Client,
  cookie: string,
  kind: string,
  call: Call,
  samples: Sample[],
): Promise<unknown> {
  const started = performance.now();
  let outcome: { data: unknown; error: string | null };
  try {
    outcome = answer(await client(cookie, call));
  } catch (error) {
    outcome = { data: null, error: String(error) };
  }
  samples.push({ kind, ms: performance.now() - started, error: outcome.error });
  return outcome.data;
}

/** A pause between a person's clicks: uniformly 0 to twice the mean. */
export function think(meanMs: number, random: () => number, until: number): Promise<void> {
  const ms = Math.min(random() * 2 * meanMs, Math.max(0, until - Date.now()));
  return new Promise((r) => setTimeout(r, ms));
}

export type Percentiles = { n: number; p50: number; p95: number; p99: number; max: number; errors: number };

export function percentiles(samples: Sample[]): Percentiles {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? 0;
  return {
    n: ms.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: ms.at(-1) ?? 0,
    errors: samples.filter((s) => s.error).length,
  };
}
