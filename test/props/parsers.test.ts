// Property tests for everything that parses what people type or platforms send: it never throws,
// it round-trips where it should, and every refusal names a reason that is translated.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csv, parseArgs } from "../../src/cli/args.js";
import { testConfig } from "../../src/config.js";
import { normalizeHandle } from "../../src/domain/handles.js";
import { NETWORKS, parsePostUrl } from "../../src/domain/links.js";
import { MISSION_FIELDS, missionData, missionFormValues, parseMissionForm } from "../../src/domain/mission-form.js";
import { generateCode, joinLinks } from "../../src/services/invitations.js";
import { decodeCallbackData, encodeCallbackData, mapUpdate, parseText } from "../../adapters/telegram/mapper.js";
import { mapBlockAction, mapMessageEvent, mapSlashCommand, mapViewSubmission, textAsCommand } from "../../adapters/slack/mapper.js";
import { mapDirectMessage, mapInteraction } from "../../adapters/discord/mapper.js";
import { isKnownReason } from "./settings.js";

const network = fc.constantFrom(...NETWORKS);
/** Text people paste: anything, URL-ish things, and real-looking post links with noise. */
const pasted = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.constantFrom("https://www.instagram.com/p/", "https://youtu.be/", "https://x.com/a/status/", "https://www.tiktok.com/@a/video/", "https://www.youtube.com/watch?v=", "http://m.facebook.com/", "https://twitch.tv/"), fc.string({ maxLength: 40 }))
    .map(([a, b]) => a + b),
);

describe("post links", () => {
  it("never throw; refusals are translated; accepted links are stable under re-parsing their canonical form", () => {
    fc.assert(fc.property(pasted, (input) => {
      const r = parsePostUrl(input);
      if (!r.ok) {
        expect(isKnownReason(r.error)).toBe(true);
        return;
      }
      const again = parsePostUrl(r.value.canonicalUrl);
      expect(again).toMatchObject({ ok: true, value: { network: r.value.network, canonicalUrl: r.value.canonicalUrl, postId: r.value.postId } });
    }));
  });
});

describe("social handles", () => {
  it("never throw; refusals are translated; a normalized handle and its profile URL give the same handle back", () => {
    fc.assert(fc.property(network, fc.oneof(pasted, fc.stringMatching(/^@?[A-Za-z0-9_.]{1,30}$/)), (net, input) => {
      const r = normalizeHandle(net, input);
      if (!r.ok) {
        expect(isKnownReason(r.error)).toBe(true);
        return;
      }
      expect(normalizeHandle(net, r.value.handle)).toEqual(r);
      expect(normalizeHandle(net, `@${r.value.handle}`)).toEqual(r);
      expect(normalizeHandle(net, r.value.profileUrl)).toEqual(r);
    }));
  });
});

describe("invitation codes", () => {
  it("a generated code survives the Telegram deep link and /start parsing unchanged", () => {
    const config = testConfig({ TELEGRAM_BOT_USERNAME: "advo_bot" });
    fc.assert(fc.property(fc.integer({ min: 4, max: 16 }), fc.constantFrom("", "  ", "\n"), (length, pad) => {
      const code = generateCode(length);
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]+$/); // no 0/O, 1/I/L
      const telegram = joinLinks(config, code).find((l) => l.platform === "telegram");
      expect(new URL(telegram!.link).searchParams.get("start")).toBe(code);
      for (const l of joinLinks(config, code)) if (l.platform !== "telegram") expect(parseText(l.link.replace(/^start /, "/start "))).toMatchObject({ type: "command", args: [expect.stringContaining(code)] });
      expect(parseText(`${pad}/start ${code}${pad}`)).toEqual({ type: "command", name: "start", args: [code], argText: code });
    }));
  });
});

const fieldValue = fc.oneof(fc.string({ maxLength: 60 }), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), fc.anything({ maxDepth: 2 }));

describe("mission forms", () => {
  const ctx = { disclosureTag: "#ad", now: new Date("2026-03-01T00:00:00Z") };
  it("never throw on any values; every error names a form field and a translated reason", () => {
    fc.assert(fc.property(fc.oneof(fc.anything({ maxDepth: 3 }), fc.dictionary(fc.constantFrom(...MISSION_FIELDS), fieldValue)), (values) => {
      const r = parseMissionForm(values, ctx);
      if (r.ok) return;
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(MISSION_FIELDS).toContain(e.field);
        expect(isKnownReason(e.messageId)).toBe(true);
      }
    }));
  });

  const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
  const validForm = fc.record({
    title: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim().length > 0 && !/[\n,]/.test(s)),
    brief: fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim().length > 0),
    dos: fc.array(word, { maxLength: 4 }),
    hashtags: fc.array(word, { maxLength: 4 }).map((xs) => ["#ad", ...xs.map((x) => `#${x}`)]),
    mentions: fc.array(word, { maxLength: 3 }).map((xs) => xs.map((x) => `@${x}`)),
    networks: fc.uniqueArray(fc.constantFrom(...NETWORKS), { minLength: 1 }),
    points: fc.integer({ min: 1, max: 1_000_000 }),
    deadline: fc.date({ min: new Date("2026-03-02T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }),
    cap: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
    tags: fc.array(word, { maxLength: 3 }),
  });
  it("a valid mission shown in the edit form parses back to the same mission", () => {
    fc.assert(fc.property(validForm, (f) => {
      const first = parseMissionForm({
        ...f, dos: f.dos.join("\n"), donts: "", hashtags: f.hashtags.join(", "), mentions: f.mentions.join(", "), networks: f.networks.join(", "),
        points: String(f.points), deadline: f.deadline.toISOString(), cap: f.cap === null ? "" : String(f.cap), tags: f.tags.join(", "),
      }, ctx);
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      const data = missionData(first.value);
      const back = parseMissionForm(missionFormValues(data), ctx);
      expect(back.ok && missionData(back.value)).toEqual(data);
    }));
  });
});

describe("platform payload mappers", () => {
  const now = new Date("2026-03-01T00:00:00Z");
  const payload = fc.oneof(fc.anything({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }).map((v) => ({ message: v, callback_query: v, event: v, data: v })));
  it("never throw on anything a platform (or an attacker) sends", () => {
    fc.assert(fc.property(payload, (raw) => {
      expect(() => mapUpdate(raw, { now, botUsername: "advo_bot" })).not.toThrow();
      for (const map of [mapMessageEvent]) expect(() => map(raw, "UBOT", now)).not.toThrow();
      for (const map of [mapSlashCommand, mapBlockAction, mapViewSubmission, mapInteraction]) expect(() => map(raw, now)).not.toThrow();
      expect(() => mapDirectMessage(raw, now, "1")).not.toThrow();
    }));
  });

  it("Telegram callback data round-trips whenever it fits 64 bytes", () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 30 }).filter((a) => !a.includes(":")), fc.option(fc.string({ unit: "grapheme", maxLength: 40 }), { nil: undefined }), (action, data) => {
      const encoded = encodeCallbackData(action, data);
      if (encoded === undefined) {
        expect(Buffer.byteLength(`${action}:${data ?? ""}`)).toBeGreaterThan(64);
        return;
      }
      expect(decodeCallbackData(encoded)).toEqual({ action, ...(data ? { payload: data } : {}) });
    }));
  });

  const commandName = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);
  const arg = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/\s/.test(s));
  it("a Telegram command and its arguments round-trip through text, whitespace and case aside", () => {
    fc.assert(fc.property(commandName, fc.array(arg, { maxLength: 5 }), fc.constantFrom(" ", "  ", "\t"), (name, args, sep) => {
      const r = parseText(`/${name.toUpperCase()}${args.length ? sep + args.join(sep) : ""}`);
      expect(r).toMatchObject({ type: "command", name, args });
      expect(() => parseText(`${name} ${args.join(" ")}`)).not.toThrow();
    }));
  });

  it("a Slack DM word naming a command becomes that command with its arguments", () => {
    const known = (n: string) => ["start", "points", "missions", "help"].includes(n);
    fc.assert(fc.property(fc.constantFrom("start", "points", "missions", "help"), fc.array(arg, { maxLength: 4 }), fc.string({ maxLength: 40 }), (name, args, noise) => {
      expect(textAsCommand(`${name} ${args.join(" ")}`, known)).toEqual({ type: "command", name, args, argText: args.join(" ") });
      expect(() => textAsCommand(noise, known)).not.toThrow();
    }));
  });
});

describe("CLI arguments", () => {
  const flagName = fc.stringMatching(/^[a-z][a-z-]{0,12}$/).filter((n) => !["json", "force", "yes", "help", "reset", "all"].includes(n));
  const positional = fc.string({ maxLength: 12 }).filter((s) => !s.startsWith("--"));
  it("never throw; positionals and --key=value flags round-trip; values may contain '=' and spaces", () => {
    fc.assert(fc.property(fc.array(positional, { maxLength: 5 }), fc.dictionary(flagName, fc.string({ maxLength: 12 }), { maxKeys: 4 }), fc.array(fc.string(), { maxLength: 6 }), (pos, flags, noise) => {
      expect(() => parseArgs(noise)).not.toThrow();
      const argv = [...Object.entries(flags).map(([k, v]) => `--${k}=${v}`), ...pos];
      const r = parseArgs(argv);
      expect(r.positionals).toEqual(pos);
      expect(r.flags).toEqual(flags);
      // the space form reads the same unless the value itself looks like a flag
      const spaced = parseArgs(Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]));
      for (const [k, v] of Object.entries(flags)) if (!v.startsWith("--") || v.length <= 2) expect(spaced.flags[k]).toBe(v);
    }));
  });
  it("csv lists round-trip without blanks", () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[^,\s][^,]*[^,\s]$|^[^,\s]$/), { maxLength: 6 }), (xs) => {
      expect(csv(xs.join(","))).toEqual(xs);
    }));
  });
});
