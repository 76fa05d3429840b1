import type { IncomingMessage } from "node:http";

/**
 * The address a request came from, as far as this server can vouch for it. X-Forwarded-For is written by
 * whoever sent the request, so a client can put any address in it (and get a fresh sign-in allowance with
 * each one). Only the entries appended by proxies the operator declared (`trustedProxies` hops in front of
 * the hub) are believed: the address is the one the outermost trusted proxy saw.
 */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socketAddress ?? ""];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? "";
}

export function trustedProxiesFromEnv(value = process.env.FLUXO_TRUSTED_PROXIES): number {
  const hops = Number(value ?? 0);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

/** Replaces the forwarding headers with the one address the hub vouches for, before anything reads them. */
export function pinClientAddress(req: IncomingMessage, trustedProxies: number): void {
  req.headers["x-forwarded-for"] = clientAddress(
    req.headers["x-forwarded-for"],
    req.socket.remoteAddress,
    trustedProxies,
  );
  delete req.headers["x-real-ip"];
}
