import { me } from "../procedures/session/me";
import { router } from "../trpc";

export const sessionRouter = router({ me });
