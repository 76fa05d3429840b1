import { createErpKey } from "../procedures/erp-keys/create";
import { listErpKeysProcedure } from "../procedures/erp-keys/list";
import { revokeErpKeyProcedure } from "../procedures/erp-keys/revoke";
import { router } from "../trpc";

export const erpKeysRouter = router({
  list: listErpKeysProcedure,
  create: createErpKey,
  revoke: revokeErpKeyProcedure,
});
