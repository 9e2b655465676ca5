// Member gets member, end to end on Telegram (issue 21): the real app and grammY against the fake
// Bot API. A member's /points shows their tier and an "Invite friends" button; the button gives the
// t.me link with their code; a new person opens it, onboards with button taps, and the member is
// paid and told (delivered by the outbox dispatcher through the adapter) in their own language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../../src/i18n/translate.js";
import { referralKey } from "../../../src/services/referrals.js";
import { testProviders } from "../../helpers/db.js";
import { sentText, startTelegramApp, type TelegramApp } from "./app-harness.js";

const REFERRER = 7011110001;
const FRIEND = 7011110002;
/** The onboarding as a new person goes through it: a tap per step, the handle typed. */
const ONBOARDING: [kind: "tap" | "text", value: string][] = [
  ["tap", "onb.consent:yes"], ["tap", "onb.tz_skip"], ["tap", "onb.net:instagram"], ["text", "@bruno.posts"], ["tap", "onb.handles_done"],
  ["tap", "onb.region:es"], ["tap", "onb.interest:fashion"], ["tap", "onb.interests_done"], ["tap", "onb.confirm"],
];

describe.each(testProviders())("telegram referral on %s", (provider) => {
  let h: TelegramApp;
  beforeAll(async () => {
    h = await startTelegramApp(provider, { TELEGRAM_BOT_USERNAME: "advo_test_bot" });
  });
  afterAll(async () => h?.stop());

  it("given /points then /refer's link used by a new person then the referrer is paid and told in Spanish once they onboard", async () => {
    const db = h.app.deps.db;
    const ana = await db.influencer.create({
      data: {
        status: "active", displayName: "Ana", locale: "es", consentAt: new Date(), activatedAt: new Date(),
        accounts: { create: { platform: "telegram", externalId: String(REFERRER), chatId: String(REFERRER) } },
      },
    });
    const member = h.person(REFERRER, "Ana", "es");
    // /points shows the tier (Bronze from 0, 500 to Silver) and the button to invite friends.
    const points = await member.text("/points");
    expect(sentText(points)).toContain("<b>Nivel:</b> Bronce — 500 puntos para Plata");
    const withButton = points.find((c) => JSON.stringify(c.params.reply_markup ?? "").includes("refer.show"));
    expect(JSON.stringify(withButton?.params.reply_markup)).toContain(t("es", "growth.refer.button"));

    const invitation = sentText(await member.tap("refer.show"));
    const code = /start=([A-Z0-9]+)/.exec(invitation)?.[1];
    expect(code, invitation).toBeDefined();
    expect(invitation).toContain(`https://t.me/advo_test_bot?start=${code}`);
    expect(invitation).toContain("Te quedan 5 invitaciones (de 5).");
    // /refer answers the same code.
    expect(sentText(await member.text("/refer"))).toContain(code!);

    // The friend opens the link (Telegram sends "/start CODE") and onboards.
    const friend = h.person(FRIEND, "Bruno");
    await friend.text(`/start ${code}`);
    for (const [kind, value] of ONBOARDING) await (kind === "tap" ? friend.tap(value) : friend.text(value));
    const bruno = await db.influencer.findFirstOrThrow({ where: { accounts: { some: { platform: "telegram", externalId: String(FRIEND) } } }, include: { invitation: true } });
    expect(bruno).toMatchObject({ status: "active", invitation: { code, referrerId: ana.id, uses: 1 } });

    // The referrer is paid once and told, in Spanish, through the outbox.
    const told = t("es", "growth.referral.paid_onboarded", { name: "Bruno", points: 50 }).replace(/\*\*/g, "");
    await h.deliver(() => member.all().includes(told), "referral notice delivered");
    expect(await db.ledgerEntry.findMany({ where: { influencerId: ana.id }, select: { idempotencyKey: true, amount: true } })).toEqual([
      { idempotencyKey: referralKey(bruno.id, "onboarded"), amount: 50 },
    ]);
    expect(member.all().split(told).length - 1).toBe(1);
    // The referrer's /points now counts them and names the entry in their language.
    expect(sentText(await member.text("/points"))).toContain(t("es", "growth.points.reason.referral"));
    // The friend's own code is theirs alone: sending it back to the bot is refused, politely.
    const friendsCode = /start=([A-Z0-9]+)/.exec(sentText(await friend.text("/refer")))?.[1];
    expect(sentText(await friend.text(`/start ${friendsCode}`))).toContain(t("en", "growth.refer.own_code"));
  });
});
