/** Where ERPs reach the API: ERP_API_URL when the installation publishes it elsewhere, else its own port here. */
export function erpApiUrl(): string {
  return process.env.ERP_API_URL ?? `http://localhost:${process.env.ERP_API_PORT ?? "3001"}`;
}
