// /accounts: add, change or remove social handles after onboarding, so a missing network can be
// fixed (missions are offered only for networks someone has a handle on). Buttons for every step
// and typed input ("instagram @name" or a profile URL); the pending question lives in the
// Conversation row (flow "accounts"), so a restart resumes it.
import { HANDLES_PER_PERSON } from "../../domain/handles.js";
import { NETWORKS, type Network } from "../../domain/program-content.js";
import { addHandle, changeHandle, listHandles, removeHandle } from "../../services/social-handles.js";
import type { Context } from "../context.js";
import type { Button } from "../message.js";
import type { Router } from "../router.js";
import { networkLabel } from "../mission-card.js";
import { handleFromText } from "./onboarding.js";
import { actionId, actionPayload, commandArgs, member, payloadId, text } from "./shared.js";

export const FLOW_ACCOUNTS = "accounts";
/** short: a forgotten /accounts question should not catch later free text for long */
const FLOW_TTL_MS = 3600_000;
/**
 * Discord allows 5 rows of buttons: 2 for handles, 2 for networks, 1 for Done. Every handle a
 * person may hold (HANDLES_PER_PERSON) gets its button, in two rows of four.
 */
const MAX_HANDLE_BUTTONS = HANDLES_PER_PERSON;
const rows = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const isNetwork = (v: string | undefined): v is Network => (NETWORKS as readonly string[]).includes(v ?? "");

async function showMenu(ctx: Context): Promise<void> {
  const inf = ctx.influencer;
  if (!inf) return;
  const handles = await listHandles(ctx.deps, inf.id);
  const list = handles.map((h) => `- ${networkLabel(h.network)} @${h.handle}`).join("\n");
  const buttons: Button[][] = [
    ...rows(handles.slice(0, MAX_HANDLE_BUTTONS).map((h): Button => ({ action: "acc.pick", payload: String(h.id), label: `${networkLabel(h.network)} @${h.handle}`.slice(0, 60) })), 4),
    ...rows(NETWORKS.map((n): Button => ({ action: "acc.add", payload: n, label: `+ ${networkLabel(n)}` })), 4),
    [{ action: "acc.done", label: ctx.t("accounts.done"), style: "primary" }],
  ];
  ctx.replyWith("accounts.menu", { handles: list || "—" }, { buttons });
}

async function begin(ctx: Context): Promise<void> {
  if (ctx.flow.current?.flow !== FLOW_ACCOUNTS) await ctx.flow.start(FLOW_ACCOUNTS, "menu", {}, FLOW_TTL_MS);
  else await ctx.flow.goto("menu", { network: null, handleId: null });
}

/** Typed "instagram @name" / a profile URL in the menu, or `/accounts instagram @name`. */
async function addTyped(ctx: Context, input: string): Promise<void> {
  const parsed = handleFromText(input);
  if (!parsed) {
    ctx.replyWith("accounts.how_to_type");
    return showMenu(ctx);
  }
  return saveNew(ctx, parsed.network, parsed.input);
}

async function saveNew(ctx: Context, network: Network, input: string): Promise<void> {
  const inf = ctx.influencer;
  if (!inf) return;
  const r = await addHandle(ctx.deps, inf.id, network, input);
  if (!r.ok) {
    ctx.replyWith(r.error, r.params);
    // a mistake keeps the question open: they can type again, or pick another button
    if (ctx.flow.current?.step === "handle_input") return ctx.replyWith("accounts.type_again");
    return showMenu(ctx);
  }
  ctx.replyWith("accounts.added", { network: networkLabel(r.value.network), handle: r.value.handle });
  await ctx.flow.goto("menu", { network: null, handleId: null });
  return showMenu(ctx);
}

async function saveChange(ctx: Context, handleId: number, input: string): Promise<void> {
  const inf = ctx.influencer;
  if (!inf) return;
  const r = await changeHandle(ctx.deps, inf.id, handleId, input);
  if (!r.ok) {
    ctx.replyWith(r.error, r.params);
    if (r.error === "accounts.not_found") {
      await ctx.flow.goto("menu", { network: null, handleId: null });
      return showMenu(ctx);
    }
    return ctx.replyWith("accounts.type_again");
  }
  ctx.replyWith("accounts.changed", { network: networkLabel(r.value.network), previous: r.value.previous, handle: r.value.handle });
  await ctx.flow.goto("menu", { network: null, handleId: null });
  return showMenu(ctx);
}

async function accountsCommand(ctx: Context): Promise<void> {
  if (!member(ctx)) return;
  await begin(ctx);
  const args = commandArgs(ctx).join(" ").trim();
  if (args) return addTyped(ctx, args);
  return showMenu(ctx);
}

async function accountsStep(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const state = ctx.flow.current;
  if (!inf || !state) return;
  const id = actionId(ctx);
  const value = actionPayload(ctx);
  const typed = text(ctx);

  if (id === "acc.done") {
    await ctx.flow.end();
    return ctx.replyWith("accounts.closed");
  }
  if (id === "acc.add" && isNetwork(value)) {
    await ctx.flow.goto("handle_input", { network: value, handleId: null });
    return ctx.replyWith("journey.onboarding.handle_input", { network: networkLabel(value) }, { buttons: [[{ action: "acc.back", label: ctx.t("accounts.back") }]] });
  }
  if (id === "acc.pick") {
    const handle = (await listHandles(ctx.deps, inf.id)).find((h) => h.id === payloadId(ctx));
    if (!handle) {
      ctx.replyWith("accounts.not_found");
      return showMenu(ctx);
    }
    return ctx.replyWith("accounts.picked", { network: networkLabel(handle.network), handle: handle.handle }, {
      buttons: [[
        { action: "acc.change", payload: String(handle.id), label: ctx.t("accounts.change") },
        { action: "acc.remove", payload: String(handle.id), label: ctx.t("accounts.remove"), style: "danger" },
        { action: "acc.back", label: ctx.t("accounts.back") },
      ]],
    });
  }
  if (id === "acc.change" && payloadId(ctx)) {
    const handle = (await listHandles(ctx.deps, inf.id)).find((h) => h.id === payloadId(ctx));
    if (!handle) {
      ctx.replyWith("accounts.not_found");
      return showMenu(ctx);
    }
    await ctx.flow.goto("handle_input", { network: handle.network, handleId: handle.id });
    return ctx.replyWith("accounts.change_input", { network: networkLabel(handle.network), handle: handle.handle }, { buttons: [[{ action: "acc.back", label: ctx.t("accounts.back") }]] });
  }
  if (id === "acc.remove" && payloadId(ctx)) {
    const r = await removeHandle(ctx.deps, inf.id, payloadId(ctx) as number);
    if (!r.ok) ctx.replyWith(r.error, r.params);
    else ctx.replyWith("accounts.removed", { network: networkLabel(r.value.network), handle: r.value.handle });
    await ctx.flow.goto("menu", { network: null, handleId: null });
    return showMenu(ctx);
  }
  if (id === "acc.back") {
    await ctx.flow.goto("menu", { network: null, handleId: null });
    return showMenu(ctx);
  }
  if (typed && state.step === "handle_input") {
    const handleId = Number(state.data.handleId);
    if (Number.isSafeInteger(handleId) && handleId > 0) return saveChange(ctx, handleId, typed);
    if (isNetwork(String(state.data.network))) return saveNew(ctx, state.data.network as Network, typed);
  }
  if (typed) return addTyped(ctx, typed);
  ctx.replyWith(id ? "core.stale_action" : "journey.onboarding.use_buttons");
  return showMenu(ctx);
}

export function registerAccountsHandlers(router: Router): void {
  router.command("accounts", accountsCommand);
  router.flow(FLOW_ACCOUNTS, accountsStep);
  // Buttons of an /accounts message pressed after the flow ended (Done, expiry, a restart):
  // they still do what they say, in a fresh flow.
  router.action("acc.*", async (ctx) => {
    if (!member(ctx)) return;
    if (ctx.flow.current?.flow !== FLOW_ACCOUNTS) await ctx.flow.start(FLOW_ACCOUNTS, "menu", {}, FLOW_TTL_MS);
    return accountsStep(ctx);
  });
}
