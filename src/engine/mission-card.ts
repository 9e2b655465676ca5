// The mission card: ONE pure builder used for the influencer's card and the managers' preview,
// so both always show exactly the same thing.
import type { Locale } from "../config.js";
import { readSegment, stringList } from "../domain/segment.js";
import { definedTierKeys, tierNameList, type Tier } from "../domain/tiers.js";
import { missionTextFor } from "../domain/content-translations.js";
import { formatDeadline as formatZonedDeadline } from "../i18n/dates.js";
import { networkName } from "../i18n/networks.js";
import { t, type Reader } from "../i18n/translate.js";
import { bold, code, link, list, message, paragraph, time, type OutboundMessage } from "./message.js";
import { languageNameList } from "./segment-languages.js";

export const ACTION_MISSION_ACCEPT = "mission.accept";
export const ACTION_MISSION_DECLINE = "mission.decline";

export interface CardMission {
  id: number;
  title: string;
  brief: string;
  dos: unknown;
  donts: unknown;
  hashtags: unknown;
  mentions: unknown;
  networks: unknown;
  points: number;
  deadline: Date;
  /** points per sale through the influencer's link or code (issue 13); 0 or absent = none */
  pointsPerConversion?: number;
  /** title/brief/dos/donts in other languages (issue 17) */
  translations?: unknown;
  /** the target segment; its tiers are shown ("For Silver and Gold members", issue 21) */
  segment?: unknown;
}

/** A deadline in the reader's zone (UTC when only a locale is known). */
export function formatDeadline(d: Date, reader: Locale | Reader = "en"): string {
  return formatZonedDeadline(d, typeof reader === "string" ? { locale: reader } : reader);
}

export const networkLabel = networkName;

/** What an influencer who accepted gets on their card: their own tracking link and discount code. */
export interface PersonalMeasurement {
  trackingUrl: string | null;
  discountCode: string | null;
}

/** The brief's "your link / your code" lines (shown on the card, the acceptance reply and /missions). */
export function personalBlocks(p: PersonalMeasurement, locale: Locale) {
  return [
    ...(p.trackingUrl ? [paragraph(bold(t(locale, "journey.tracking.link_label")), " ", link(p.trackingUrl, p.trackingUrl))] : []),
    ...(p.discountCode ? [paragraph(bold(t(locale, "journey.tracking.code_label")), " ", code(p.discountCode))] : []),
  ];
}

/**
 * "For Silver and Gold members": only the tiers that still exist are named; a mission whose every
 * listed tier was removed says that nobody can take it (never a bare key). Without the program's
 * tiers (`undefined`) the keys are shown as they are.
 */
function tiersLine(keys: readonly string[], tiers: readonly Tier[] | undefined, locale: Locale): string {
  const named = tiers ? definedTierKeys(keys, tiers) : keys;
  if (!named.length) return t(locale, "growth.mission.for_removed_tier");
  return t(locale, "growth.mission.for_tiers", { tiers: tierNameList(named, tiers ?? [], locale) });
}

/** `reader` may carry the recipient's time zone; a bare locale shows the deadline in UTC. */
/**
 * `tiers`: the program's tier list, to name a tier-restricted mission's tiers in the reader's
 * language (without it the keys are shown).
 */
export function missionCard(m: CardMission, reader: Locale | Reader, options: { buttons?: boolean; personal?: PersonalMeasurement; tiers?: readonly Tier[] } = {}): OutboundMessage {
  const locale = typeof reader === "string" ? reader : reader.locale;
  // All of the text from one language: the reader's translation, else the program's.
  const { title, brief, dos, donts } = missionTextFor(m, locale);
  const required = [...stringList(m.hashtags), ...stringList(m.mentions)];
  const networks = stringList(m.networks);
  const forTiers = readSegment(m.segment).tiers;
  const forLanguages = readSegment(m.segment).languages;
  const blocks = [
    paragraph(bold(title)),
    paragraph(brief),
    ...(dos.length ? [paragraph(bold(t(locale, "journey.card.dos"))), list(dos.map((d) => [d]))] : []),
    ...(donts.length ? [paragraph(bold(t(locale, "journey.card.donts"))), list(donts.map((d) => [d]))] : []),
    ...(required.length ? [paragraph(bold(t(locale, "journey.card.required")), " ", required.join(" "))] : []),
    paragraph(bold(t(locale, "journey.card.networks")), " ", networks.length ? networks.map(networkLabel).join(", ") : t(locale, "journey.card.any_network")),
    paragraph(bold(t(locale, "journey.card.points")), " ", t(locale, "journey.card.points_value", { points: m.points })),
    ...(m.pointsPerConversion ? [paragraph(bold(t(locale, "journey.card.points_per_conversion")), " ", t(locale, "journey.card.points_value", { points: m.pointsPerConversion }))] : []),
    paragraph(bold(t(locale, "journey.card.deadline")), " ", time(formatDeadline(m.deadline, reader), m.deadline, locale)),
    ...(forTiers.length ? [paragraph(bold(tiersLine(forTiers, options.tiers, locale)))] : []),
    ...(forLanguages.length ? [paragraph(bold(t(locale, "lang.target.for_languages", { languages: languageNameList(forLanguages, locale) })))] : []),
    ...(options.personal ? personalBlocks(options.personal, locale) : []),
  ];
  const buttons =
    options.buttons === false
      ? undefined
      : [[
          { action: ACTION_MISSION_ACCEPT, label: t(locale, "journey.card.accept"), payload: String(m.id), style: "primary" as const },
          { action: ACTION_MISSION_DECLINE, label: t(locale, "journey.card.decline"), payload: String(m.id) },
        ]];
  return message(blocks, { disablePreview: true, ...(buttons ? { buttons } : {}) });
}
