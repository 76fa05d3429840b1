import { getDashboard } from "../procedures/dashboard/get";
import { getSales } from "../procedures/dashboard/sales";
import { router } from "../trpc";

export const dashboardRouter = router({ get: getDashboard, sales: getSales });
