import { listConnections } from "../procedures/connections/list";
import { saveConnection } from "../procedures/connections/save";
import { router } from "../trpc";

export const connectionsRouter = router({ list: listConnections, save: saveConnection });
