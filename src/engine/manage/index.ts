// Manager commands, actions and forms, registered into the engine's router. Platform-neutral:
// adapters map their UI to these ids (Slack: /advo + modals + Block Kit buttons). Every decision
// is taken by a service with ctx.actor (platform:userId): a non-manager gets "manage.refused" and
// an audit entry, whatever the UI showed.
//
// COMMANDS
//   /advo                          help (list of sub-commands)            [managers only]
//   /advo mission new              replies with form "mission.form" (state "new")
//   /advo mission edit ID          replies with form "mission.form" (state "edit:ID"), initial values
//   /advo review                   one review card per submission in needs_review (oldest first, ≤10)
//   /advo redemptions              one card per pending redemption (≤20)
//   /advo broadcast                replies with form "broadcast.form"
//   /advo reward new | reward edit ID   replies with form "reward.form" (name, description, cost,
//                                  stock, name_es/description_es… per other language)
//   /advo stats                    compact text report (same as /stats)
//   /advo influencer NAME|@H|#ID   profile card (people.ts) with influencer.* actions; several
//                                  matches → one influencer.card button each
//   /advo leaderboard · missions   text from the operator table (src/cli/commands-console.ts)
//   /advo <CLI command> …          the operator CLI table with the same arguments, acting as the
//                                  user: invite create [--count N] [--uses N] [--days D] [--tags a,b]
//                                  [--note T] · invite list · invite revoke CODE · mission list
//                                  [--status S] · mission preview|publish|close|duplicate ID ·
//                                  submission list [--status S] · submission approve ID ·
//                                  submission reject ID --reason TEXT · points adjust INFLUENCER
//                                  POINTS --reason TEXT [--id REQ] · points statement INFLUENCER ·
//                                  reward create --name N --cost C [--stock S] [--name-es T …] ·
//                                  reward update ID [--name-fr T --description-fr T …] · reward list ·
//                                  redemption fulfil|cancel ID · cycle close [--force] ·
//                                  cycle settings [--length L] [--bonuses 500,300] [--reset|--rollover N]
//   /stats                         compact text report
//
// ACTIONS (payload = the id as a decimal string unless noted)
//   mission.publish  mission.edit (opens the form)  mission.close  mission.duplicate  mission.preview
//   review.approve   review.reject (replies with form "review.reject")
//   broadcast.send / broadcast.cancel   payload = 12-hex draft id from the broadcast preview
//   redemption.fulfil  redemption.cancel (refunds once)
//
// FORMS (values by field id; the FormSpec.state comes back as values._state)
//   mission.form    title, brief, dos, donts (one per line), hashtags, mentions, networks, points,
//                   startsAt, deadline, cap, regions, interests, segmentNetworks, tags (comma lists);
//                   state "new" | "edit:ID". Invalid → the same form again with per-field `error`s.
//                   Valid → a confirmation + the exact influencer card + mission.* buttons.
//   review.reject   reason; state = submission id. Empty reason → the form again with the error.
//   broadcast.form  text, regions, interests, networks, tags → preview, recipient count,
//                   broadcast.send / broadcast.cancel buttons.
//
// Also exported for adapters: reviewCard(locale, item) (cards.ts) to post new review items to
// the manager channel with the same buttons.
import type { Router } from "../router.js";
import { onAdvoCommand, showStats } from "./advo-command.js";
import { registerBroadcastHandlers } from "./broadcast.js";
import { registerMissionHandlers } from "./missions.js";
import { registerReviewHandlers } from "./review.js";
import { registerPeopleHandlers } from "./people.js";
import { onAdjustForm, registerAdjustHandlers } from "./adjust.js";
import { registerRewardHandlers } from "./rewards.js";
import { registerCycleHandlers } from "./cycle-close.js";
import { registerDashboardButton } from "./dashboard-button.js";
import { registerTierForm } from "./tier-form.js";
import { registerTierRemoveHandlers } from "./tier-remove.js";
import { registerInviteForm } from "./invite-form.js";
import { registerCycleForm } from "./cycle-form.js";

export { reviewCard, redemptionCard, ACTIONS as MANAGER_ACTIONS } from "./cards.js";
export { FORM_MISSION, FORM_REJECT, FORM_BROADCAST } from "./forms.js";
export { CONSOLE_DASHBOARD } from "./dashboard-button.js";

export function registerManagerHandlers(router: Router): void {
  router.command("advo", onAdvoCommand);
  if (!router.hasCommand("stats")) router.command("stats", showStats);
  registerMissionHandlers(router);
  registerReviewHandlers(router);
  registerBroadcastHandlers(router);
  registerPeopleHandlers(router, onAdjustForm);
  registerAdjustHandlers(router);
  registerRewardHandlers(router);
  registerCycleHandlers(router);
  registerDashboardButton(router);
  registerTierForm(router);
  registerTierRemoveHandlers(router);
  registerInviteForm(router);
  registerCycleForm(router);
}
