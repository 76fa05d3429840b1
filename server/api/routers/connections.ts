import { listConnections } from "../procedures/connections/list";
import { mine } from "../procedures/connections/mine";
import { saveConnection } from "../procedures/connections/save";
import { setAmazonKeys } from "../procedures/connections/set-amazon-keys";
import { setKeys } from "../procedures/connections/set-keys";
import { setMiraklKey } from "../procedures/connections/set-mirakl-key";
import { test } from "../procedures/connections/test";
import { router } from "../trpc";

export const connectionsRouter = router({
  list: listConnections,
  save: saveConnection,
  mine,
  setKeys,
  setAmazonKeys,
  setMiraklKey,
  test,
});
