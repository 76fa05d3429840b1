// SPEC §1. Sellers and managers belong to one seller account; support and admin are hub staff.
export const ROLES = ["seller", "manager", "support", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  seller: "Vendedor",
  manager: "Gestor",
  support: "Suporte",
  admin: "Administrador",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isStaff(role: Role): boolean {
  return role === "support" || role === "admin";
}

/** Only the seller moves orders through the flow; managers watch and staff never act for a seller. */
export function canActOnOrders(role: Role): boolean {
  return role === "seller";
}

export const SELLER_ONLY_MESSAGE = "Só o vendedor da conta pode alterar pedidos. Seu perfil permite apenas consultar.";

/** A seller connects their own account's marketplaces; an admin may do it for any account. */
export function canManageConnections(role: Role): boolean {
  return role === "seller" || role === "admin";
}

export const CONNECTIONS_ROLE_MESSAGE =
  "Só o vendedor da conta ou um administrador do Fluxo gerencia as conexões com marketplaces.";

export const ERP_KEYS_ROLE_MESSAGE =
  "Só o vendedor da conta ou um administrador do Fluxo cria e revoga chaves da API para ERP.";
