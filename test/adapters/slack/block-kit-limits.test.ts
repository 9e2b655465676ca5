// Every Slack builder against Block Kit's limits, with the longest inputs a manager can give, in
// every language; and the checker itself, so that a limit it stopped checking fails here. The
// fake Slack refuses over-limit views too (as Slack does), checked through the real WebClient.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebClient } from "@slack/web-api";
import { LOCALES } from "../../../src/config.js";
import { MISSION_FIELDS, type FieldError } from "../../../src/domain/mission-form.js";
import { broadcastFormSpec, missionFormSpec, rejectFormSpec } from "../../../src/engine/manage/forms.js";
import { reviewCard } from "../../../src/engine/manage/index.js";
import { formToView } from "../../../adapters/slack/modal.js";
import { buttonBlocks, renderMessage } from "../../../adapters/slack/render.js";
import { missionManagerButtons } from "../../../src/engine/manage/cards.js";
import { blockKitLimits, messageBlockLimits } from "../../../adapters/slack/blocks/limits.js";
import { boltLogger } from "../../../adapters/slack/bolt-logger.js";
import { silentLogger } from "../../../src/logger.js";
import { FakeSlackWebApi } from "../../fakes/slack-web-api.js";

const long = (n: number) => "Ünïcode brief ✨ ".repeat(Math.ceil(n / 16)).slice(0, n);
const longValues = Object.fromEntries(MISSION_FIELDS.map((f) => [f, long(5000)]));
const everyFieldWrong: FieldError[] = MISSION_FIELDS.map((field) => ({ field, messageId: "manage.form.too_long" }));
const input = (id: string) => ({ type: "input", block_id: id, label: { type: "plain_text", text: id }, element: { type: "plain_text_input", action_id: id } });

describe("block kit limits", () => {
  it.each(LOCALES)("given the longest mission, every field in error, in %s, then the mission modal stays within every limit", (locale) => {
    for (const state of ["new", "edit:123456789"]) {
      const view = formToView(missionFormSpec(locale, longValues, state, everyFieldWrong), { channel: "C".repeat(20), messageTs: "1700000000.000001" });
      expect(blockKitLimits(view)).toEqual([]);
    }
  });

  it.each(LOCALES)("given long values in %s then the reject and broadcast modals stay within every limit", (locale) => {
    expect(blockKitLimits(formToView(rejectFormSpec(locale, 987654321, "manage.form.required")))).toEqual([]);
    expect(blockKitLimits(formToView(broadcastFormSpec(locale, { text: long(9000), regions: long(5000), networks: "instagram, tiktok" }, "text")))).toEqual([]);
  });

  it.each(LOCALES)("given a review card with a very long title, link and reason in %s then its message blocks stay within the limits", (locale) => {
    const card = reviewCard(locale, {
      id: 1, missionId: 2, missionTitle: long(3000), influencerId: 3, influencerName: long(500), url: `https://www.instagram.com/p/${"x".repeat(2500)}`,
      network: "instagram", authorHandle: long(200), status: "needs_review", attempt: 3, previousReason: long(4000), evidence: { note: long(4000) }, createdAt: new Date("2026-01-05T09:00:00Z"),
    });
    expect(messageBlockLimits(renderMessage(card).blocks)).toEqual([]);
  });

  it.each(LOCALES)("given a mission card's manager buttons in %s then the close confirmation stays within the limits", (locale) => {
    expect(messageBlockLimits(buttonBlocks(missionManagerButtons(locale, 2147483647, "draft")))).toEqual([]);
  });

  it("given views over each limit then the checker names every problem", () => {
    const tooMany = { type: "modal", title: { type: "plain_text", text: "x" }, blocks: Array.from({ length: 101 }, (_, i) => input(`f${i}`)) };
    expect(blockKitLimits(tooMany)).toEqual(["blocks: 101 items > 100"]);
    const bad = {
      type: "modal", title: { type: "plain_text", text: "A title longer than 24 chars" }, private_metadata: "m".repeat(3001),
      blocks: [
        input("a"), input("a"),
        { type: "input", block_id: "b", label: { type: "plain_text", text: "l".repeat(2001) }, element: { type: "static_select", action_id: "s", options: Array.from({ length: 101 }, (_, i) => ({ text: { type: "plain_text", text: "o".repeat(76) }, value: String(i) })) } },
        { type: "actions", elements: [{ type: "button", action_id: "s", text: { type: "plain_text", text: "ok" }, value: "v".repeat(2001), confirm: { title: { type: "plain_text", text: "t" }, text: { type: "plain_text", text: "x".repeat(301) } } }] },
      ],
    };
    const problems = blockKitLimits(bad);
    expect(problems).toEqual(expect.arrayContaining([
      "title: 28 > 24", "private_metadata: 3001 > 3000", 'blocks[1].block_id: "a" is not unique', 'blocks[1].element.action_id: "a" is not unique',
      "blocks[2].label: 2001 > 2000", "blocks[2].element.options: 101 items > 100", "blocks[2].element.options[0].text: 76 > 75",
      'blocks[3].elements[0].action_id: "s" is not unique', "blocks[3].elements[0].value: 2001 > 2000", "blocks[3].elements[0].confirm.text: 301 > 300",
    ]));
    expect(messageBlockLimits(Array.from({ length: 51 }, () => ({ type: "divider" })))).toEqual(["blocks: 51 items > 50"]);
  });

  describe("the fake Slack", () => {
    let slack: FakeSlackWebApi;
    let client: WebClient;
    beforeAll(async () => {
      slack = await new FakeSlackWebApi().listen();
      client = new WebClient("xoxb-test-token", { slackApiUrl: slack.apiUrl, logger: boltLogger(silentLogger), retryConfig: { retries: 0 } });
    });
    afterAll(() => slack.close());

    it("given a view over the limits then views.open, views.update and views.publish are refused with invalid_arguments; a valid one is taken", async () => {
      const blocks = Array.from({ length: 101 }, (_, i) => input(`f${i}`));
      const modal = { type: "modal" as const, title: { type: "plain_text" as const, text: "Mission" }, blocks };
      await expect(client.views.open({ trigger_id: "t1", view: modal })).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
      await expect(client.views.update({ view_id: "V1", view: modal })).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
      await expect(client.views.publish({ user_id: "U1", view: { type: "home", blocks } })).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
      await expect(client.views.open({ trigger_id: "t2", view: { ...modal, blocks: [input("a"), input("a")] } })).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
      const view = formToView(missionFormSpec("en", longValues, "new", everyFieldWrong)) as never;
      await expect(client.views.open({ trigger_id: "t3", view })).resolves.toMatchObject({ ok: true });
    });
  });
});
