import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type ImportView = inferRouterOutputs<AppRouter>["invoiceImports"]["get"];
export type ImportRowView = ImportView["rows"][number];
