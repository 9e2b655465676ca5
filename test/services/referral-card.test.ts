// Who referred whom on the manager's profile card (issue 21), on SQLite and PostgreSQL: the card
// behind `/advo influencer` and `advo influencer` names the referrer and counts the people a member
// brought with their link; an erased referrer or referred person is not shown or counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { influencerCard } from "../../src/services/influencer-card.js";
import { eraseInfluencer } from "../../src/services/privacy.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { parseArgs } from "../../src/cli/args.js";
import { OPERATOR } from "../../src/services/managers.js";
import { t } from "../../src/i18n/translate.js";
import { MANAGER, managerConfig, seedInfluencer } from "./manage/fixtures.js";

describe.each(testProviders())("referrals on the profile card on %s", (provider) => {
  let db: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    deps = testDeps(db, managerConfig);
  });
  afterAll(async () => db?.destroy());

  const card = async (id: number) => {
    const r = await influencerCard(deps, MANAGER, id, "en");
    if (!r.ok || r.value.erased) throw new Error("no card");
    return r.value;
  };

  it("given a member who brought two people then each card says who referred whom, and erasure takes people out", async () => {
    const ana = await seedInfluencer(db.db, { name: "Ana Referrer" });
    const code = await db.db.invitation.create({ data: { code: "ANA-REF", maxUses: 10, referrerId: ana.id } });
    const bo = await seedInfluencer(db.db, { name: "Bo Friend" });
    const cy = await seedInfluencer(db.db, { name: "Cy Friend" });
    await db.db.influencer.updateMany({ where: { id: { in: [bo.id, cy.id] } }, data: { invitationId: code.id } });

    expect((await card(ana.id)).referral).toEqual({ referredBy: null, referredCount: 2 });
    expect((await card(bo.id)).referral).toEqual({ referredBy: { id: ana.id, name: "Ana Referrer" }, referredCount: 0 });
    expect(t("en", "growth.card.referrals", { hasReferrer: "yes", referrer: "Ana Referrer", count: 0 })).toBe("Referred by Ana Referrer · brought nobody yet");
    expect(t("es", "growth.card.referrals", { hasReferrer: "no", referrer: "", count: 2 })).toBe("Entró sin invitación de un miembro · ha traído a 2 personas");
    const cli = await COMMANDS.influencer!.run(deps, parseArgs(["influencer", `#${bo.id}`]), OPERATOR);
    expect(cli.ok && cli.value.text).toContain(`referred by: #${ana.id} Ana Referrer  brought: 0`);

    await eraseInfluencer(deps, cy.id);
    expect((await card(ana.id)).referral.referredCount).toBe(1);
    await eraseInfluencer(deps, ana.id);
    expect((await card(bo.id)).referral.referredBy).toBeNull();
  });
});
