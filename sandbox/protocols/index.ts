// The marketplaces' own protocols, spoken on the sandbox's address beside its `/v1` (SPEC §7): each module answers
// its marketplace's paths exactly as that marketplace documents them, over the same orders, rules and faults.
import { magaluProtocol } from "./magalu";
import { mercadoLivreProtocol } from "./mercado-livre";
import type { SandboxProtocol } from "./protocol";
import { skyhubProtocol } from "./skyhub";

export type { ProtocolDeps, SandboxProtocol } from "./protocol";

export const PROTOCOLS: SandboxProtocol[] = [skyhubProtocol, mercadoLivreProtocol, magaluProtocol];
