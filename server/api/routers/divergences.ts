import { acceptMarketplace, handleManually, resend, resolve } from "../procedures/divergences/actions";
import { countMine } from "../procedures/divergences/count-mine";
import { lateOrders } from "../procedures/divergences/late-orders";
import { listDivergences } from "../procedures/divergences/list";
import { router } from "../trpc";

export const divergencesRouter = router({
  list: listDivergences,
  countMine,
  lateOrders,
  resend,
  acceptMarketplace,
  handleManually,
  resolve,
});
