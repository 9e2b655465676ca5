// Intake pipeline: bot messages dropped, retries de-duplicated, one conversation serialized (also
// across two engine instances on one database), the error boundary, middleware order, flows, and
// the influencer behind the account.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { createEngine } from "../../src/engine/engine.js";
import { AppError } from "../../src/errors.js";
import type { Deps } from "../../src/services/deps.js";
import type { Router } from "../../src/engine/router.js";
import { FakeUser } from "./harness.js";
import { influencerOfAccount } from "../../src/engine/influencer-lookup.js";
import { seedMember } from "./seed.js";

describe.each(testProviders())("engine pipeline on %s", (provider) => {
  const { deps } = engineOnTestDatabase(provider);

  it("given a message from a bot then nothing is answered and nothing is recorded", async () => {
    const engine = createEngine(deps);
    const user = new FakeUser(engine, "botty");
    const ev = user.event({ type: "command", name: "help", args: [], argText: "" });
    expect(await engine.handle({ ...ev, author: { ...ev.author, isBot: true } })).toEqual([]);
    expect(await deps.db.processedEvent.findUnique({ where: { id: ev.id } })).toBeNull();
  });

  it("given the same event id delivered twice then only the first is answered", async () => {
    const user = new FakeUser(createEngine(deps), "retry");
    const ev = user.event({ type: "command", name: "help", args: [], argText: "" }, "dup:1");
    expect((await user.sendEvent(ev)).length).toBeGreaterThan(0);
    expect(await user.sendEvent(ev)).toEqual([]);
    expect(await deps.db.processedEvent.count({ where: { id: "dup:1" } })).toBe(1);
  });

  it("given one event id delivered at once to two engine instances, several times, then it is answered once each time and the lease is free after", async () => {
    // De-dup and lease claim run side by side (no transaction): whichever order they land in,
    // exactly one delivery handles the event and a duplicate that claimed the lease gives it back.
    const a = new FakeUser(createEngine(deps, { instanceId: "A" }), "twice");
    const b = new FakeUser(createEngine(deps, { instanceId: "B" }), "twice");
    for (let round = 0; round < 6; round++) {
      const ev = a.event({ type: "command", name: "help", args: [], argText: "" }, `twice:${round}`);
      const answers = await Promise.all(round % 2 ? [a.sendEvent(ev), b.sendEvent(ev)] : [b.sendEvent(ev), a.sendEvent(ev), a.sendEvent(ev)]);
      expect(answers.filter((r) => r.length > 0)).toHaveLength(1);
      const row = await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:twice" } });
      expect(row.lockOwner).toBeNull();
    }
    expect(await deps.db.processedEvent.count({ where: { id: { startsWith: "twice:" } } })).toBe(6);
  });

  it("given a guest then /help explains how to join, in the platform's language", async () => {
    const user = new FakeUser(createEngine(deps), "guest-es", "es-ES");
    await user.command("/help");
    expect(user.lastText()).toContain("Cómo unirte");
    const fr = new FakeUser(createEngine(deps), "guest-fr", "fr");
    await fr.command("/nope");
    expect(fr.lastText()).toContain("Je ne connais pas la commande /nope");
  });

  it("given a handler that throws then the user gets the generic apology in their language, the error is logged with its code, and the next event works", async () => {
    const logged: unknown[] = [];
    const log = { ...deps.log, error: (obj: unknown) => void logged.push(obj) } as unknown as Deps["log"];
    const engine = createEngine({ ...deps, log }, {
      plugins: [(r) => r.command("boom", () => { throw new AppError("kaboom", "test failure"); })],
    });
    const user = new FakeUser(engine, "boomer", "it");
    await user.command("/boom");
    expect(user.lastText()).toBe("Spiacenti, qualcosa è andato storto da parte nostra. Riprova tra un momento.");
    expect(logged[0]).toMatchObject({ code: "kaboom", conversation: "console:boomer" });
    await user.command("/help");
    expect(user.lastText()).toContain("Come entrare");
    const row = await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:boomer" } });
    expect(row.lockOwner).toBeNull();
  });

  it("given middleware then it runs in order around the handler and can stop the chain", async () => {
    const order: string[] = [];
    const engine = createEngine(deps, {
      plugins: [
        (r) => r.use(async (ctx, next) => { order.push("a>"); await next(); order.push("<a"); }),
        (r) => r.use(async (ctx, next) => { if (ctx.event.payload.type === "text") return ctx.replyWith("core.cancel.done"); await next(); }),
        (r) => r.command("ping", (ctx) => { order.push("handler"); ctx.replyWith("core.cancel.nothing"); }),
      ],
    });
    const user = new FakeUser(engine, "mw");
    await user.command("/ping");
    expect(order).toEqual(["a>", "handler", "<a"]);
    await user.say("hello");
    expect(user.lastText()).toBe("Cancelled.");
  });

  it("given two events of one conversation at once on two engine instances then they are handled one after the other", async () => {
    let inside = 0;
    let maxInside = 0;
    const slow = (r: Router) =>
      r.command("slow", async (ctx) => {
        const mine = ctx.event.conversation === "console:serial";
        if (mine) inside++;
        maxInside = Math.max(maxInside, inside);
        await new Promise((res) => setTimeout(res, 40));
        if (mine) inside--;
        ctx.replyWith("core.cancel.nothing");
      });
    const a = new FakeUser(createEngine(deps, { plugins: [slow], instanceId: "A" }), "serial");
    const b = new FakeUser(createEngine(deps, { plugins: [slow], instanceId: "B" }), "serial");
    const other = new FakeUser(createEngine(deps, { plugins: [slow], instanceId: "C" }), "someone-else");
    const results = await Promise.all([a.command("/slow"), b.command("/slow"), a.command("/slow"), other.command("/slow")]);
    expect(results.every((r) => r.length === 1)).toBe(true);
    // the three events of one conversation never overlapped
    expect(maxInside).toBe(1);
    const row = await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:serial" } });
    expect(row.lockOwner).toBeNull();
  });

  it("given a conversation whose lease is held by a live process then the event waits, and an expired lease is taken over", async () => {
    await deps.db.conversation.upsert({
      where: { key: "console:held" },
      create: { key: "console:held", data: {}, lockOwner: "dead", lockedUntil: new Date(Date.now() - 1000) },
      update: { lockOwner: "dead", lockedUntil: new Date(Date.now() - 1000) },
    });
    const user = new FakeUser(createEngine(deps), "held");
    await user.command("/help");
    expect(user.lastText()).toContain("How to join");

    await deps.db.conversation.update({ where: { key: "console:held" }, data: { lockOwner: "alive", lockedUntil: new Date(Date.now() + 60_000) } });
    const waiting = new FakeUser(createEngine(deps, { leaseWaitMs: 100 }), "held");
    await waiting.command("/help");
    expect(waiting.lastText()).toContain("something went wrong");
    expect((await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:held" } })).lockOwner).toBe("alive");
  });

  it("given a flow then free text goes to its step, /cancel ends it, and a new engine instance continues it", async () => {
    const plugin = (r: Router) => {
      r.command("quiz", async (ctx) => { await ctx.flow.start("quiz", "q1"); ctx.replyWith("core.language.ask"); });
      r.flow("quiz", async (ctx) => {
        const p = ctx.event.payload;
        await ctx.flow.goto("q2", { answer: p.type === "text" ? p.text : "?" });
        ctx.replyWith("core.cancel.nothing");
      });
    };
    const first = new FakeUser(createEngine(deps, { plugins: [plugin] }), "quizzer");
    await first.command("/quiz");
    await first.say("blue");
    const restarted = new FakeUser(createEngine(deps, { plugins: [plugin] }), "quizzer");
    const row = await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:quizzer" } });
    expect(row).toMatchObject({ flow: "quiz", step: "q2", data: { answer: "blue" } });
    await restarted.command("/help");
    expect(restarted.lastText()).toContain("in the middle of something");
    await restarted.command("/language");
    expect(restarted.last[0]?.buttons.map((b) => b.payload)).toEqual(["en", "es", "fr", "it"]);
    await restarted.command("/cancel");
    expect(restarted.lastText()).toBe("Cancelled.");
    expect((await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:quizzer" } })).flow).toBeNull();
    await restarted.say("anything");
    expect(restarted.lastText()).toContain("invitation");
  });

  it("given a stale flow version then the write is refused instead of overwriting", async () => {
    const { StoredFlow } = await import("../../src/engine/flow-store.js");
    await deps.db.conversation.create({ data: { key: "console:race", data: {} } });
    const row = await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:race" } });
    const one = new StoredFlow(deps, "console:race", row);
    const two = new StoredFlow(deps, "console:race", row);
    await one.start("f", "s1");
    await expect(two.start("f", "other")).rejects.toMatchObject({ code: "flow_conflict" });
  });

  // Who is talking: one statement when this process saw the account before. A memory gone stale
  // never gives a wrong answer, because the read checks the account link in SQL.
  it("given an account remembered for one person then it follows the account when it moves, and reads null once the person is deleted or the account gone", async () => {
    const ana = await seedMember(deps, "lookup-ana");
    const bea = await seedMember(deps, "lookup-bea");
    expect((await influencerOfAccount(deps.db, "console", "lookup-ana"))?.id).toBe(ana.id);
    expect((await influencerOfAccount(deps.db, "console", "lookup-ana"))?.id).toBe(ana.id); // the remembered path

    // Another instance relinks the account to Bea: the remembered id (Ana) no longer owns it.
    await deps.db.platformAccount.update({ where: { platform_externalId: { platform: "console", externalId: "lookup-ana" } }, data: { influencerId: bea.id } });
    expect((await influencerOfAccount(deps.db, "console", "lookup-ana"))?.id).toBe(bea.id);

    await deps.db.influencer.update({ where: { id: bea.id }, data: { status: "deleted" } });
    expect(await influencerOfAccount(deps.db, "console", "lookup-ana")).toBeNull();
    await deps.db.influencer.update({ where: { id: bea.id }, data: { status: "active" } });
    expect((await influencerOfAccount(deps.db, "console", "lookup-ana"))?.id).toBe(bea.id);

    await deps.db.platformAccount.delete({ where: { platform_externalId: { platform: "console", externalId: "lookup-ana" } } });
    expect(await influencerOfAccount(deps.db, "console", "lookup-ana")).toBeNull();
    expect(await influencerOfAccount(deps.db, "console", "nobody")).toBeNull();
  });

  it("given the remembered influencer then the fields read are the current ones (nothing but the id is remembered)", async () => {
    const cleo = await seedMember(deps, "lookup-cleo");
    await influencerOfAccount(deps.db, "console", "lookup-cleo");
    await deps.db.influencer.update({ where: { id: cleo.id }, data: { locale: "it", timezone: "Europe/Rome" } });
    const read = await influencerOfAccount(deps.db, "console", "lookup-cleo");
    expect(read).toMatchObject({ id: cleo.id, locale: "it", timezone: "Europe/Rome", status: "active" });
  });
});
