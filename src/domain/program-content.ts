// The program's onboarding content, in ONE place: the steps' message ids (translated in
// src/i18n/catalogs/journey.ts), the regions and interests offered as buttons, the networks a
// handle can be registered on, and the drip schedule after activation. Change the program here.

/** Networks a handle can be registered on: every network whose post links Advo can parse. */
export { NETWORKS, type Network } from "./links.js";

/** Region codes offered at onboarding; labels are `journey.region.<code>`. */
export const REGIONS = ["es", "fr", "it", "uk", "us", "latam", "other"] as const;

/** Interest codes offered at onboarding (multi-select); labels are `journey.interest.<code>`. */
export const INTERESTS = ["fashion", "beauty", "sports", "travel", "food", "tech", "gaming", "lifestyle"] as const;

/** Onboarding steps, in order. */
export const ONBOARDING_STEPS = ["consent", "language", "handles", "handle_input", "region", "interests", "summary"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** What each step says; the texts are translated message ids with {brand} and {disclosure}. */
export const ONBOARDING_MESSAGES = {
  welcome: "journey.onboarding.welcome",
  motivation: "journey.onboarding.motivation",
  rules: "journey.onboarding.rules",
  language: "journey.onboarding.language",
  handles: "journey.onboarding.handles",
  region: "journey.onboarding.region",
  interests: "journey.onboarding.interests",
  summary: "journey.onboarding.summary",
  done: "journey.onboarding.done",
} as const;

/** Drip after activation: day → message id (same ids and dedupe keys as the onboarding-drip job). */
export const DRIP = [
  { day: 1, messageId: "jobs.drip.day1" },
  { day: 3, messageId: "jobs.drip.day3" },
  { day: 7, messageId: "jobs.drip.day7" },
] as const;
