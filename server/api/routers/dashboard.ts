import { getDashboard } from "../procedures/dashboard/get";
import { router } from "../trpc";

export const dashboardRouter = router({ get: getDashboard });
