import { accountsRouter } from "./routers/accounts";
import { ordersRouter } from "./routers/orders";
import { sessionRouter } from "./routers/session";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  session: sessionRouter,
  accounts: accountsRouter,
  orders: ordersRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
