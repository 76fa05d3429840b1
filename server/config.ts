import type { NfeMode } from "./domain/orders/commands/invoice";

/**
 * `sandbox` accepts NF-e from the tax authority's homologation environment (tpAmb 2), as the demo and the
 * tests do against the marketplace sandbox; a real installation runs `production`.
 */
export function nfeMode(): NfeMode {
  return process.env.FLUXO_NFE_MODE === "sandbox" ? "sandbox" : "production";
}
