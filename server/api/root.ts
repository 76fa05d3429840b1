import { accountsRouter } from "./routers/accounts";
import { connectionsRouter } from "./routers/connections";
import { dashboardRouter } from "./routers/dashboard";
import { divergencesRouter } from "./routers/divergences";
import { erpKeysRouter } from "./routers/erp-keys";
import { invoiceImportsRouter } from "./routers/invoice-imports";
import { ordersRouter } from "./routers/orders";
import { sessionRouter } from "./routers/session";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  session: sessionRouter,
  accounts: accountsRouter,
  orders: ordersRouter,
  connections: connectionsRouter,
  dashboard: dashboardRouter,
  divergences: divergencesRouter,
  invoiceImports: invoiceImportsRouter,
  erpKeys: erpKeysRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
