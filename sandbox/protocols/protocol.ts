// What a marketplace protocol module gives the sandbox, and what the sandbox lends it.
import type { ApiRequest } from "../api";
import type { Faults } from "../faults";
import type { Generator } from "../generator";
import type { SandboxStore } from "../store";
import type { JsonResponse } from "../types";

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
