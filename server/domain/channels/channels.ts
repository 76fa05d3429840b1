// The marketplaces Fluxo integrates with and the logistics modes each one offers.
// Channel behaviour (what an invoice needs, when it reaches the marketplace) lives in ./rules.ts.

export const CHANNEL_IDS = ["americanas", "magalu", "mercado_livre", "amazon", "carrefour", "zoom"] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export const CHANNEL_LABELS: Record<ChannelId, string> = {
  americanas: "Americanas",
  magalu: "Magalu",
  mercado_livre: "Mercado Livre",
  amazon: "Amazon",
  carrefour: "Carrefour",
  zoom: "Zoom",
};

/** The label with its pt-BR article after "a": "à Amazon", "ao Mercado Livre". */
export const CHANNEL_WITH_ARTICLE: Record<ChannelId, string> = {
  americanas: "à Americanas",
  magalu: "à Magalu",
  mercado_livre: "ao Mercado Livre",
  amazon: "à Amazon",
  carrefour: "ao Carrefour",
  zoom: "à Zoom",
};

/** The label with its pt-BR definite article: "a Zoom", "o Mercado Livre". */
export const CHANNEL_WITH_DEFINITE_ARTICLE: Record<ChannelId, string> = {
  americanas: "a Americanas",
  magalu: "a Magalu",
  mercado_livre: "o Mercado Livre",
  amazon: "a Amazon",
  carrefour: "o Carrefour",
  zoom: "a Zoom",
};

export const LOGISTICS_MODE_IDS = [
  "correios",
  "own_carrier",
  "b2w_entregas",
  "b2w_entregas_direct",
  "magalu_entregas",
  "mercado_envios_coleta",
  "me2",
] as const;
export type LogisticsModeId = (typeof LOGISTICS_MODE_IDS)[number];

export const LOGISTICS_MODE_LABELS: Record<LogisticsModeId, string> = {
  correios: "Correios",
  own_carrier: "Transportadora própria",
  b2w_entregas: "B2W Entregas",
  b2w_entregas_direct: "B2W Entregas Direct",
  magalu_entregas: "Magalu Entregas",
  mercado_envios_coleta: "Mercado Envios Coleta",
  me2: "Mercado Envios (ME2)",
};

export function isChannelId(value: string): value is ChannelId {
  return (CHANNEL_IDS as readonly string[]).includes(value);
}
