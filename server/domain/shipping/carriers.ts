export const CARRIERS = [
  { id: "correios", label: "Correios" },
  { id: "jadlog", label: "Jadlog" },
  { id: "loggi", label: "Loggi" },
  { id: "total-express", label: "Total Express" },
  { id: "mercado-envios", label: "Mercado Envios" },
  { id: "other", label: "Outra" },
] as const;

export type CarrierId = (typeof CARRIERS)[number]["id"];

export const CARRIER_IDS = CARRIERS.map((carrier) => carrier.id) as [CarrierId, ...CarrierId[]];

export function isCarrierId(value: string): value is CarrierId {
  return CARRIERS.some((carrier) => carrier.id === value);
}
