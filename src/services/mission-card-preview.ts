// The mission card influencers see. The conversation engine owns the real card; until it is
// wired here this renders the same facts so preview and announcement always use ONE function.
import type { Locale } from "../config.js";
import type { OutboundMessage } from "../engine/message.js";
import { bold, list, message, paragraph } from "../engine/message.js";
import { t } from "../i18n/translate.js";
import { stringList } from "../domain/segment.js";

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
}

export function renderMissionCard(m: CardMission, locale: Locale): OutboundMessage {
  const dos = stringList(m.dos);
  const donts = stringList(m.donts);
  const blocks = [
    paragraph(bold(m.title)),
    paragraph(m.brief),
    paragraph(t(locale, "manage.card.facts", { points: m.points, deadline: m.deadline.toISOString().slice(0, 16).replace("T", " ") + " UTC" })),
    paragraph(t(locale, "manage.card.required", { tags: [...stringList(m.hashtags), ...stringList(m.mentions)].join(" ") })),
    paragraph(t(locale, "manage.card.networks", { networks: stringList(m.networks).join(", ") })),
    ...(dos.length ? [paragraph(t(locale, "manage.card.dos")), list(dos.map((d) => [d]))] : []),
    ...(donts.length ? [paragraph(t(locale, "manage.card.donts")), list(donts.map((d) => [d]))] : []),
  ];
  return message(blocks, {
    disablePreview: true,
    buttons: [[
      { action: "mission.accept", label: t(locale, "manage.card.accept"), payload: String(m.id), style: "primary" },
      { action: "mission.decline", label: t(locale, "manage.card.decline"), payload: String(m.id) },
    ]],
  });
}
