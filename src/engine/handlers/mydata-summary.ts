// The readable half of /mydata: the export's facts in the person's language (the JSON file
// carries everything, field by field).
import type { DataExport } from "../../services/privacy.js";
import { pointsSummary } from "../../services/points.js";
import type { Params } from "../../i18n/translate.js";
import { stringList } from "../../domain/segment.js";
import type { Context } from "../context.js";
import { networkLabel } from "../mission-card.js";
import { dateOnly } from "../../i18n/dates.js";

const STATUSES = ["onboarding", "active", "paused", "left"];
const PLATFORMS: Record<string, string> = { telegram: "Telegram", discord: "Discord", slack: "Slack", console: "Console" };

export async function summaryParams(ctx: Context, data: DataExport): Promise<Params> {
  const inf = ctx.influencer;
  const p = data.profile;
  const status = String(p.status ?? "");
  const region = typeof p.region === "string" ? p.region : null;
  // A day alone, shown natively in the person's language and zone ("Member since" needs no hour).
  const activated = typeof p.activatedAt === "string" ? dateOnly(new Date(p.activatedAt)) : "—";
  const balance = inf ? (await pointsSummary(ctx.deps, inf.id, 0)).balance : 0;
  return {
    name: typeof p.displayName === "string" && p.displayName ? p.displayName : "—",
    status: STATUSES.includes(status) ? ctx.t(`mydata.status.${status}`) : status,
    language: ctx.t(`core.language.name.${ctx.locale}`),
    region: region ? ctx.t(`journey.region.${region}`) : "—",
    interests: stringList(p.interests).map((i) => ctx.t(`journey.interest.${i}`)).join(", ") || "—",
    handles: data.handles.map((h) => `${networkLabel(h.network)} @${h.handle}`).join(", ") || "—",
    platforms: [...new Set(data.accounts.map((a) => PLATFORMS[a.platform] ?? a.platform))].join(", ") || "—",
    balance,
    missions: data.participations.filter((x) => x.status !== "offered" && x.status !== "declined").length,
    submissions: data.submissions.length,
    redemptions: data.redemptions.length,
    joined: activated,
  };
}
