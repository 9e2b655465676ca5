// A model-based test of the influencer journey (issue 12): random sequences of events per person —
// commands, bare links, free text, buttons from any earlier message, manager decisions, job runs,
// time passing and engine restarts — against the real engine on a real database. After every step:
// - nothing crashed: no "something went wrong" reply and no error logged;
// - every inbound message got at least one reply;
// - no submission is lost: every link the bot acknowledged as recorded has its row;
// - no points are paid twice: per participation, the ledger sum ≤ the mission's points;
// - a way forward: /cancel always answers, and never says "nothing to cancel" while a flow is open.
// The normal suite runs a few sequences with the fixed seed; `npm run test:props` runs PROPS_RUNS.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine/engine.js";
import { HOUR, type FakeClock } from "../../src/clock.js";
import type { Deps } from "../../src/services/deps.js";
import { approveSubmission, rejectSubmission } from "../../src/services/review.js";
import { runVerifySubmissions } from "../../src/jobs/verify-submissions.js";
import { runRecheckLive } from "../../src/jobs/recheck-live.js";
import type { LiveOutcome, PostChecker, VerifyOutcome } from "../../src/jobs/post-checker.js";
import { t } from "../../src/i18n/translate.js";
import { LOCALES } from "../../src/i18n/translate.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { captureLog } from "../helpers/log-capture.js";
import { FakeUser, type Reply } from "../engine/harness.js";
import { seedInvitation, seedMember, seedMission } from "../engine/seed.js";
import { RUNS } from "./settings.js";

const MANAGER = "slack:UMANAGER";
const PEOPLE = 3; // two members already in, one holding an invitation code
const NUMRUNS = process.env.PROPS_RUNS ? RUNS : 6;
const text = (locale: (typeof LOCALES)[number], id: string) => t(locale, id as never);
const RECEIVED = LOCALES.map((l) => text(l, "journey.submit.received"));
const GENERIC_ERROR = LOCALES.map((l) => text(l, "core.error.generic"));
const NOTHING_TO_CANCEL = LOCALES.map((l) => text(l, "core.cancel.nothing"));

interface Real {
  deps: Deps & { clock: FakeClock };
  engine: Engine;
  users: FakeUser[];
  errors: () => number;
}
interface Model {
  run: number;
  /** links the bot said were recorded */
  acknowledged: Set<string>;
  missionIds: number[];
}
type JourneyCommand = fc.AsyncCommand<Model, Real>;

const handleOf = (m: Model, who: number) => `r${m.run}p${who}`;
const linkOf = (m: Model, who: number, n: number) => `https://www.tiktok.com/@${handleOf(m, who)}/video/7${String(m.run).padStart(6, "0")}${String(n).padStart(12, "0")}`;

/** What every message to the bot must satisfy; returns the replies for further checks. */
async function talk(m: Model, r: Real, send: () => Promise<Reply[]>, sent: string): Promise<Reply[]> {
  const before = r.errors();
  const replies = await send();
  expect(replies.length, `no reply to ${sent}`).toBeGreaterThan(0);
  for (const reply of replies) expect(GENERIC_ERROR.some((e) => reply.text.includes(e)), `crash on ${sent}: ${reply.text}`).toBe(false);
  expect(r.errors(), `error logged for ${sent}`).toBe(before);
  // A "recorded" reply to a text with a link: that link must now have its row.
  if (replies.some((x) => RECEIVED.some((ok) => x.text.includes(ok)))) for (const url of sent.match(/https:\/\/\S+/g) ?? []) m.acknowledged.add(url);
  return replies;
}

async function checkInvariants(m: Model, r: Real): Promise<void> {
  const db = r.deps.db;
  for (const url of m.acknowledged) {
    expect(await db.submission.count({ where: { OR: [{ url }, { originalUrl: url }] } }), `lost submission ${url}`).toBe(1);
  }
  const parts = await db.participation.findMany({ where: { missionId: { in: m.missionIds } }, include: { mission: true, submissions: { select: { id: true } } } });
  for (const p of parts) {
    const refs = p.submissions.map((s) => `submission:${s.id}`);
    const entries = await db.ledgerEntry.findMany({ where: { OR: [{ reference: { in: refs } }, { idempotencyKey: `participation:${p.id}` }] } });
    const sum = entries.reduce((a, e) => a + e.amount, 0);
    expect(sum, `participation ${p.id} paid ${sum} > ${p.mission.points}`).toBeLessThanOrEqual(p.mission.points);
    expect(entries.filter((e) => e.amount > 0).length, `participation ${p.id} paid twice`).toBeLessThanOrEqual(1);
  }
}

class Say implements JourneyCommand {
  constructor(readonly who: number, readonly kind: "link" | "two_links" | "text" | "handle", readonly n: number, readonly as: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const own = linkOf(m, this.as, this.n); // sometimes another person's post
    const line = this.kind === "text" ? "hello, what now?" : this.kind === "handle" ? `tiktok @${handleOf(m, this.who)}` : this.kind === "link" ? `here: ${own}` : `${own} ${linkOf(m, this.who, this.n + 1)}`;
    await talk(m, r, () => r.users[this.who]!.say(line), line);
    await checkInvariants(m, r);
  }
  toString = () => `say(${this.who}, ${this.kind}, ${this.n}, as ${this.as})`;
}

const COMMAND_LINES = ["/start", "/start CODE", "/start NOPE", "/missions", "/submit", "/submit LINK", "/submit not-a-link", "/points", "/rewards", "/accounts", "/language es", "/language fr", "/language xx", "/stop", "/resume", "/cancel", "/deleteme", "/help", "/frobnicate"] as const;

class Command implements JourneyCommand {
  constructor(readonly who: number, readonly line: (typeof COMMAND_LINES)[number], readonly n: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const line = this.line.replace("CODE", `CODE${m.run}`).replace("LINK", linkOf(m, this.who, this.n));
    const key = `console:${r.users[this.who]!.id}`;
    const open = line === "/cancel" ? await r.deps.db.conversation.findUnique({ where: { key } }) : null;
    const replies = await talk(m, r, () => r.users[this.who]!.command(line), line);
    if (open?.flow && (!open.expiresAt || open.expiresAt > r.deps.clock.now())) {
      expect(NOTHING_TO_CANCEL.some((x) => replies.some((y) => y.text.includes(x))), `/cancel ignored flow ${open.flow}`).toBe(false);
    }
    await checkInvariants(m, r);
  }
  toString = () => `command(${this.who}, ${this.line}, ${this.n})`;
}

/** Presses a button of the last replies, or of any message this person received so far (old ones). */
class Press implements JourneyCommand {
  constructor(readonly who: number, readonly nth: number, readonly old: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const user = r.users[this.who]!;
    const buttons = (this.old ? user.transcript : user.last).flatMap((x) => x.buttons);
    const b = buttons[this.nth % Math.max(1, buttons.length)];
    await talk(m, r, () => (b ? user.action(b.action, b.payload) : user.action("nothing.here")), `press ${b?.action ?? "nothing.here"}(${b?.payload ?? ""})`);
    await checkInvariants(m, r);
  }
  toString = () => `press(${this.who}, ${this.nth}${this.old ? ", old" : ""})`;
}

/** A mission card's Accept or Submit button (as sent by /missions or a broadcast), pressed. */
class MissionButton implements JourneyCommand {
  constructor(readonly who: number, readonly mission: number, readonly action: "mission.accept" | "submit.start" | "mission.view") {}
  check = () => true;
  async run(m: Model, r: Real) {
    const id = String(m.missionIds[this.mission]);
    await talk(m, r, () => r.users[this.who]!.action(this.action, id), `${this.action}(${id})`);
    await checkInvariants(m, r);
  }
  toString = () => `${this.action}(${this.who}, ${this.mission})`;
}

class Decide implements JourneyCommand {
  constructor(readonly nth: number, readonly approve: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const subs = await r.deps.db.submission.findMany({ where: { missionId: { in: m.missionIds } }, orderBy: { id: "asc" } });
    const s = subs[this.nth % Math.max(1, subs.length)];
    if (!s) return;
    const result = this.approve ? await approveSubmission(r.deps, MANAGER, s.id) : await rejectSubmission(r.deps, MANAGER, s.id, "No #ad in the caption");
    if (!result.ok) expect(result.error).toMatch(/^manage\./); // refused with a reason, never thrown
    await checkInvariants(m, r);
  }
  toString = () => `${this.approve ? "approve" : "reject"}(${this.nth})`;
}

class Job implements JourneyCommand {
  constructor(readonly verify: VerifyOutcome["decision"] | "retry", readonly live: LiveOutcome) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const decision = this.verify;
    const checker: PostChecker = {
      verify: async () => (decision === "retry" ? { decision, reason: "timeout" } : decision === "rejected" ? { decision, reasonId: "verify.reason.not_found", reason: "the post does not exist" } : { decision }),
      isLive: async () => this.live,
    };
    await runVerifySubmissions(r.deps, r.deps.clock.now(), checker);
    await runRecheckLive(r.deps, r.deps.clock.now(), checker);
    await checkInvariants(m, r);
  }
  toString = () => `jobs(${this.verify}, ${this.live})`;
}

class Later implements JourneyCommand {
  constructor(readonly hours: number) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    r.deps.clock.advance(this.hours * HOUR);
  }
  toString = () => `later(${this.hours}h)`;
}

class Restart implements JourneyCommand {
  check = () => true;
  async run(m: Model, r: Real) {
    r.engine = createEngine(r.deps); // a new process over the same database
    for (const u of r.users) u.useEngine(r.engine);
    await checkInvariants(m, r);
  }
  toString = () => "restart";
}

// The members act more often than the person who only holds a code.
const who = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.constant(PEOPLE - 1), weight: 1 });
const n = fc.integer({ min: 0, max: 3 }); // few post numbers, so the same link comes back
const commands = [
  fc.tuple(who, fc.constantFrom("link" as const, "two_links" as const, "text" as const), n, who).map(([w, k, x, as]) => new Say(w, k, x, as)),
  fc.tuple(who, n).map(([w, x]) => new Say(w, "link", x, w)),
  fc.tuple(who, n).map(([w, x]) => new Say(w, "link", x, w)), // one's own post: the common case
  fc.tuple(who, fc.constantFrom("handle" as const, "text" as const)).map(([w, k]) => new Say(w, k, 0, w)),
  fc.tuple(who, fc.constantFrom(...COMMAND_LINES), n).map(([w, line, x]) => new Command(w, line, x)),
  fc.tuple(who, fc.nat(40), fc.boolean()).map(([w, x, old]) => new Press(w, x, old)),
  fc.tuple(who, fc.nat(40)).map(([w, x]) => new Press(w, x, false)), // the last buttons more likely: they drive onboarding
  fc.tuple(who, fc.nat(40)).map(([w, x]) => new Press(w, x, false)),
  fc.tuple(who, fc.nat(1), fc.constantFrom("mission.accept" as const, "submit.start" as const, "mission.view" as const)).map(([w, x, a]) => new MissionButton(w, x, a)),
  fc.tuple(who, fc.nat(1), fc.constantFrom("mission.accept" as const, "submit.start" as const)).map(([w, x, a]) => new MissionButton(w, x, a)),
  fc.tuple(who, fc.nat(1)).map(([w, x]) => new MissionButton(w, x, "mission.accept")),
  fc.tuple(fc.nat(10), fc.boolean()).map(([x, a]) => new Decide(x, a)),
  fc.tuple(fc.nat(10), fc.boolean()).map(([x, a]) => new Decide(x, a)),
  fc.tuple(fc.constantFrom("verified" as const, "needs_review" as const, "rejected" as const, "retry" as const), fc.constantFrom("live" as const, "removed" as const, "unknown" as const)).map(([v, l]) => new Job(v, l)),
  fc.integer({ min: 1, max: 48 }).map((h) => new Later(h)),
  fc.constant(new Restart()),
];

describe.each(testProviders())("journey model on %s", (provider) => {
  let database: TestDatabase;
  let run = 0;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => database.destroy());

  it("for any sequence of people's messages, decisions, jobs and restarts the journey never crashes, loses, double-pays or strands anyone", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: "large" }), async (cmds) => {
        run++;
        const captured = captureLog("warn");
        const deps = { ...testDeps(database, { MANAGERS: MANAGER }), log: captured.log };
        // Earlier runs' missions are over: each run sees only its own.
        await deps.db.mission.updateMany({ where: { status: "published" }, data: { status: "closed" } });
        const model: Model = { run, acknowledged: new Set(), missionIds: [] };
        for (let i = 0; i < 2; i++) model.missionIds.push((await seedMission(deps, { title: `Run ${run} mission ${i}`, networks: ["tiktok"], points: 40 + i * 10 })).id);
        await seedInvitation(deps, `CODE${run}`);
        for (let i = 0; i < PEOPLE - 1; i++) await seedMember(deps, `r${run}u${i}`, [{ network: "tiktok", handle: handleOf(model, i) }]);
        const engine = createEngine(deps);
        const real: Real = { deps, engine, users: [], errors: () => captured.lines.filter((l) => l.level >= 50).length };
        real.users = Array.from({ length: PEOPLE }, (_, i) => new FakeUser(engine, `r${run}u${i}`));
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        // Whatever state each person ended in, /cancel answers and then /help does.
        for (let i = 0; i < PEOPLE; i++) {
          await new Command(i, "/cancel", 0).run(model, real);
          await new Command(i, "/help", 0).run(model, real);
        }
      }),
      { numRuns: NUMRUNS },
    );
  });
});
