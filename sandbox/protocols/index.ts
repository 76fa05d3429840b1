// The marketplaces' own protocols, spoken on the sandbox's address beside its `/v1` (SPEC §7): each module answers
// its marketplace's paths exactly as that marketplace documents them, over the same orders, rules and faults.
import type { ApiRequest } from "../api";
import type { Faults } from "../faults";
import type { Generator } from "../generator";
import type { SandboxStore } from "../store";
import type { JsonResponse } from "../types";
import { mercadoLivreProtocol } from "./mercado-livre";
import { skyhubProtocol } from "./skyhub";

export interface ProtocolDeps {
  store: SandboxStore;
  generator: Generator;
  faults: Faults;
}

export interface SandboxProtocol {
  /** Which marketplace, for logs. */
  name: string;
  /** True for the paths this protocol answers. */
  matches(method: string, path: string): boolean;
  /** Paths a person's browser opens (an authorization page): never faulted. */
  unfaulted?(method: string, path: string): boolean;
  handle(req: ApiRequest, deps: ProtocolDeps): JsonResponse | Promise<JsonResponse>;
}

export const PROTOCOLS: SandboxProtocol[] = [skyhubProtocol, mercadoLivreProtocol];
