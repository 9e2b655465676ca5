// The influencer journey's handlers: join, onboarding, missions, submissions, points, rewards, data.
import type { Router } from "../router.js";

export function registerJourneyHandlers(router: Router): void {
  void router;
}
