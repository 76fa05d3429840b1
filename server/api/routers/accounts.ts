import { listAccounts } from "../procedures/accounts/list";
import { switchAccount } from "../procedures/accounts/switch";
import { router } from "../trpc";

export const accountsRouter = router({ list: listAccounts, switch: switchAccount });
