// The influencer journey's handlers: join, onboarding, missions, submissions, points, rewards, data.
import type { Router } from "../router.js";
import { registerAccountsHandlers } from "./accounts.js";
import { registerMissionHandlers } from "./missions.js";
import { registerOnboardingHandlers } from "./onboarding.js";
import { registerPointsHandlers } from "./points.js";
import { registerPrivacyHandlers } from "./privacy.js";
import { registerReferralHandlers } from "./referrals.js";

export function registerJourneyHandlers(router: Router): void {
  registerOnboardingHandlers(router);
  registerMissionHandlers(router);
  registerPointsHandlers(router);
  registerPrivacyHandlers(router);
  registerAccountsHandlers(router);
  registerReferralHandlers(router);
}
