// The marketplaces' own protocols, spoken on the sandbox's address beside its `/v1` (SPEC §7): each module answers
// its marketplace's paths exactly as that marketplace documents them, over the same orders, rules and faults.

import { amazonSpProtocol } from "./amazon-sp";
import { magaluProtocol } from "./magalu";
import { mercadoLivreProtocol } from "./mercado-livre";
import { miraklProtocol } from "./mirakl";
import type { SandboxProtocol } from "./protocol";
import { skyhubProtocol } from "./skyhub";

export type { ProtocolDeps, SandboxProtocol } from "./protocol";

// Amazon's versioned /orders paths come first: SkyHub's order route would otherwise take /orders/2026-01-01/orders.
export const PROTOCOLS: SandboxProtocol[] = [
  amazonSpProtocol,
  skyhubProtocol,
  mercadoLivreProtocol,
  magaluProtocol,
  miraklProtocol,
];
