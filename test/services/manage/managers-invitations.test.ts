import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { isManager, OPERATOR, syncChannelManagers } from "../../../src/services/managers.js";
import { createInvitations, listInvitations, revokeInvitation } from "../../../src/services/invitations.js";
import { MANAGER, STRANGER, managerConfig } from "./fixtures.js";

describe.each(testProviders())("managers and invitations on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given MANAGERS and synced channel members then both are managers and others are not", async () => {
    const deps = testDeps(t, managerConfig);
    expect(await isManager(deps, "slack", "UMANAGER")).toBe(true);
    expect(await isManager(deps, "slack", "U2")).toBe(false);
    expect(await syncChannelManagers(deps, "slack", ["U2", "U3"])).toEqual({ added: 2, removed: 0 });
    expect(await isManager(deps, "slack", "U2")).toBe(true);
    expect(await syncChannelManagers(deps, "slack", ["U3"])).toEqual({ added: 0, removed: 1 });
    expect(await isManager(deps, "slack", "U2")).toBe(false);
    expect(await isManager(deps, "slack", "U3")).toBe(true);
  });

  it("given a non-manager then creating invitations is refused and audited", async () => {
    const deps = testDeps(t, managerConfig);
    const r = await createInvitations(deps, STRANGER, { count: 1 });
    expect(r).toEqual({ ok: false, error: "manage.refused" });
    const log = await t.db.auditLog.findFirst({ where: { actor: STRANGER, action: "invitation.create" } });
    expect(log?.outcome).toBe("refused");
    expect(await t.db.invitation.count()).toBe(0);
  });

  it("given a manager then codes are created with uses, expiry, tags and join links, listed and revoked", async () => {
    const deps = testDeps(t, { ...managerConfig, TELEGRAM_BOT_USERNAME: "advo_bot", DISCORD_BOT_TOKEN: "x", DISCORD_APPLICATION_ID: "1" });
    const r = await createInvitations(deps, MANAGER, { count: 3, uses: 5, days: 10, tags: ["vip"], note: "launch" });
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toHaveLength(3);
    const first = r.value[0]!;
    expect(first.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(first.expiresAt?.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(first.links).toEqual([
      { platform: "telegram", link: `https://t.me/advo_bot?start=${first.code}` },
      { platform: "discord", link: `/join code:${first.code}` },
      { platform: "console", link: `/start ${first.code}` },
    ]);
    await t.db.invitation.update({ where: { code: first.code }, data: { uses: 2 } });
    const listed = await listInvitations(deps, MANAGER);
    expect(listed.ok && listed.value.find((i) => i.code === first.code)).toMatchObject({ uses: 2, maxUses: 5, tags: ["vip"], note: "launch", revoked: false });

    const revoked = await revokeInvitation(deps, OPERATOR, first.code.toLowerCase());
    expect(revoked.ok && revoked.value.revoked).toBe(true);
    expect(await revokeInvitation(deps, OPERATOR, first.code)).toEqual({ ok: false, error: "manage.invite.already_revoked", params: { code: first.code } });
    expect(await revokeInvitation(deps, OPERATOR, "NOPE")).toMatchObject({ ok: false, error: "manage.invite.not_found" });
    const audits = await t.db.auditLog.findMany({ where: { action: "invitation.revoke", outcome: "ok" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: "operator", targetId: first.code });
  });

  it("given bad invitation values then a Result names the field", async () => {
    const deps = testDeps(t, managerConfig);
    expect(await createInvitations(deps, MANAGER, { uses: 0 })).toEqual({ ok: false, error: "manage.invite.invalid", params: { field: "uses" } });
  });
});
