// The ERP API server as scripts/erp-api.ts runs it, with SkyHub's per-key limits lifted: the benchmark measures what
// the hub can serve, not the 9 calls per second SkyHub allows one key.
import { openLongLivedDb } from "../db/client";
import { createErpApiServer } from "../server/erp-api/server";

const db = openLongLivedDb();
const port = Number(process.env.ERP_API_PORT ?? 3390);
const unlimited = { reads: 1_000_000, queue: 1_000_000, writes: 1_000_000 };
createErpApiServer(db, { limits: unlimited }).listen(port, () => console.log(`ready ${port}`));
