// Environment configuration. Bad values stop the program at start, since a sandbox silently running with
// defaults would make a test or a demo behave in ways nobody asked for.
import { isValidCnpj, normalizeCnpj } from "../server/domain/documents";
import { type FaultConfig, parseFaultPatch } from "./faults";

export interface SandboxConfig {
  port: number;
  dbPath: string;
  sellers: string[];
  orderIntervalMs: number;
  seed: number;
  faults: Partial<FaultConfig>;
  mercadoLivre: MercadoLivreConfig;
}

/** The one Mercado Livre app the sandbox knows, and where it notifies that app (sandbox/protocols/mercado-livre). */
export interface MercadoLivreConfig {
  clientId: string;
  clientSecret: string;
  /** Access-token lifetime; Mercado Livre's is 6 h, tests shorten it to see a refresh. */
  tokenTtlSeconds: number;
  /** The app's notification callback; null sends none (changes still show in /orders/search). */
  callbackUrl: string | null;
}

export function loadMercadoLivreConfig(env: NodeJS.ProcessEnv = process.env): MercadoLivreConfig {
  const callback = env.SANDBOX_ML_CALLBACK_URL?.trim() || null;
  if (callback && !URL.canParse(callback)) throw new Error(`SANDBOX_ML_CALLBACK_URL is not a URL: "${callback}"`);
  return {
    clientId: env.SANDBOX_ML_CLIENT_ID?.trim() || "1234567890",
    clientSecret: env.SANDBOX_ML_CLIENT_SECRET?.trim() || "fluxo-sandbox-secret",
    tokenTtlSeconds: intFromEnv("SANDBOX_ML_TOKEN_TTL_S", env.SANDBOX_ML_TOKEN_TTL_S, 21_600, 1, 86_400),
    callbackUrl: callback,
  };
}

const DEFAULT_SELLERS = "06929383000163,58716523000119";

function intFromEnv(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const sellers = (env.SANDBOX_SELLERS ?? DEFAULT_SELLERS)
    .split(",")
    .map((s) => normalizeCnpj(s.trim()))
    .filter((s) => s !== "");
  const invalid = sellers.filter((s) => !isValidCnpj(s));
  if (invalid.length > 0) throw new Error(`SANDBOX_SELLERS has invalid CNPJs: ${invalid.join(", ")}`);

  let faults: Partial<FaultConfig> = {};
  if (env.SANDBOX_FAULTS && env.SANDBOX_FAULTS.trim() !== "") {
    let raw: unknown;
    try {
      raw = JSON.parse(env.SANDBOX_FAULTS);
    } catch {
      throw new Error('SANDBOX_FAULTS must be JSON, e.g. {"errorRate":0.1}');
    }
    const parsed = parseFaultPatch(raw);
    if (!parsed.ok) throw new Error(`SANDBOX_FAULTS: ${parsed.error}`);
    faults = parsed.patch;
  }

  return {
    port: intFromEnv("SANDBOX_PORT", env.SANDBOX_PORT, 4010, 0, 65535),
    dbPath: env.SANDBOX_DB?.trim() || "data/sandbox.db",
    sellers: [...new Set(sellers)],
    orderIntervalMs: intFromEnv("SANDBOX_ORDER_INTERVAL_MS", env.SANDBOX_ORDER_INTERVAL_MS, 15_000, 0, 86_400_000),
    seed: intFromEnv("SANDBOX_SEED", env.SANDBOX_SEED, 20260101, 0, 2 ** 32 - 1),
    faults,
    mercadoLivre: loadMercadoLivreConfig(env),
  };
}
