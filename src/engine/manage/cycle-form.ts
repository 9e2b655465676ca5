// `/advo cycle settings` without flags (issue 15): how reward cycles run, in a modal — length (a
// select), the custom end, end-of-cycle bonuses, and what happens to points (reset, or roll over up
// to a cap). Pre-filled with the current settings; every invalid field comes back at once in the
// manager's language; saved through setCycleSettings (audited), as the CLI's flags are.
import { z } from "zod";
import type { Locale } from "../../config.js";
import { t } from "../../i18n/translate.js";
import { getCycleSettings, setCycleSettings } from "../../services/cycles.js";
import { requireManager } from "../../services/managers.js";
import type { Context } from "../context.js";
import { message, type FormSpec } from "../message.js";
import type { Router } from "../router.js";
import { formValues } from "./forms.js";
import { formPayload, replyError } from "./reply.js";

export const FORM_CYCLE = "cycle.form";
const LENGTHS = ["quarter", "semester", "year", "custom"] as const;
const POLICIES = ["reset", "rollover"] as const;
type CycleField = "length" | "nextEndsAt" | "bonuses" | "expiry" | "rolloverCap";

export function cycleFormSpec(locale: Locale, values: Record<string, string>, errors: Partial<Record<CycleField, true>> = {}): FormSpec {
  const field = (id: CycleField, rest: Partial<FormSpec["fields"][number]>) => ({
    id, label: t(locale, `slack.cycle.field.${id}`), kind: "text" as const, required: false, ...rest,
    ...(values[id] ? { initial: values[id] } : {}), ...(errors[id] ? { error: t(locale, `slack.cycle.error.${id}`) } : {}),
  });
  return {
    id: FORM_CYCLE, title: t(locale, "slack.cycle.form_title"), submitLabel: t(locale, "slack.cycle.save"),
    fields: [
      field("length", { kind: "select", required: true, options: LENGTHS.map((l) => ({ value: l, label: t(locale, `slack.cycle.length.${l}`) })) }),
      field("nextEndsAt", {}),
      field("bonuses", { placeholder: "500, 300, 100" }),
      field("expiry", { kind: "select", required: true, options: POLICIES.map((p) => ({ value: p, label: t(locale, `slack.cycle.expiry.${p}`) })) }),
      field("rolloverCap", {}),
    ],
  };
}

export async function openCycleForm(ctx: Context): Promise<void> {
  const refused = await requireManager(ctx.deps, ctx.actor, "cycle.settings");
  if (refused) return replyError(ctx, refused);
  const s = await getCycleSettings(ctx.deps.db);
  ctx.reply(message([], {
    form: cycleFormSpec(ctx.locale, {
      length: s.length, ...(s.nextEndsAt ? { nextEndsAt: s.nextEndsAt.toISOString() } : {}), bonuses: s.bonuses.join(", "),
      expiry: s.expiry.policy, ...(s.expiry.policy === "rollover" ? { rolloverCap: String(s.expiry.cap) } : {}),
    }),
    ephemeral: true,
  }));
}

const count = z.coerce.number().int().min(0).max(10_000_000);

async function onCycleForm(ctx: Context): Promise<void> {
  const values = formValues(formPayload(ctx));
  const errors: Partial<Record<CycleField, true>> = {};
  const length = z.enum(LENGTHS).safeParse(values.length);
  if (!length.success) errors.length = true;
  const ends = values.nextEndsAt?.trim() ? z.coerce.date().safeParse(values.nextEndsAt.trim()) : undefined;
  if (ends && !ends.success) errors.nextEndsAt = true;
  const bonusWords = (values.bonuses ?? "").split(/[\s,;]+/).filter(Boolean);
  const bonuses = bonusWords.map((w) => count.safeParse(w));
  if (bonuses.some((b) => !b.success) || bonuses.length > 100) errors.bonuses = true;
  const policy = z.enum(POLICIES).safeParse(values.expiry);
  if (!policy.success) errors.expiry = true;
  const cap = count.safeParse(values.rolloverCap?.trim() || (policy.data === "rollover" ? undefined : "0"));
  if (policy.data === "rollover" && !cap.success) errors.rolloverCap = true;
  if (Object.keys(errors).length) return ctx.reply(message([], { form: cycleFormSpec(ctx.locale, values, errors), ephemeral: true }));
  const r = await setCycleSettings(ctx.deps, ctx.actor, {
    length: length.data, ...(ends?.success ? { nextEndsAt: ends.data } : {}), bonuses: bonuses.map((b) => b.data!),
    expiry: policy.data === "rollover" ? { policy: "rollover", cap: cap.data! } : { policy: "reset" },
  });
  if (!r.ok) return replyError(ctx, r);
  ctx.replyWith("slack.cycle.saved", {
    length: t(ctx.locale, `slack.cycle.length.${r.value.length}`), bonuses: r.value.bonuses.length ? r.value.bonuses.join(", ") : "—",
    expiry: r.value.expiry.policy === "rollover" ? t(ctx.locale, "slack.cycle.expiry.rollover_cap", { cap: r.value.expiry.cap }) : t(ctx.locale, "slack.cycle.expiry.reset"),
  }, { ephemeral: true });
}

export function registerCycleForm(router: Router): void {
  router.form(FORM_CYCLE, onCycleForm);
}
