// Manager commands, actions and forms (owned by the program-management area). The engine calls
// this once while building its router; it is a no-op until that area registers its handlers.
import type { Router } from "../router.js";

export function registerManagerHandlers(router: Router): void {
  void router;
}
