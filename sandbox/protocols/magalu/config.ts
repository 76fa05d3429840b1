// The Magalu app the sandbox knows, and the channel it plays: Magazine Luiza's own (the one api.magalu.com serves).
export const MAGALU_CHANNEL_ID = "9fe0d853-732b-4e4a-a0b0-cff988ed043d";

export interface MagaluConfig {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
}

export function loadMagaluConfig(env: NodeJS.ProcessEnv = process.env): MagaluConfig {
  const ttl = Number(env.SANDBOX_MAGALU_TOKEN_TTL_S ?? "7200");
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) {
    throw new Error(`SANDBOX_MAGALU_TOKEN_TTL_S must be an integer between 1 and 86400, got "${ttl}"`);
  }
  return {
    clientId: env.SANDBOX_MAGALU_CLIENT_ID?.trim() || "fluxo-sandbox-magalu",
    clientSecret: env.SANDBOX_MAGALU_CLIENT_SECRET?.trim() || "fluxo-sandbox-magalu-secret",
    tokenTtlSeconds: ttl,
  };
}
