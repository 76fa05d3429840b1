import { counts } from "../procedures/orders/counts";
import { get } from "../procedures/orders/get";
import { list } from "../procedures/orders/list";
import { router } from "../trpc";

export const ordersRouter = router({ list, counts, get });
