// Commands in a DM with the bot, in French: the slash command (the client sends the English name
// and the reader's locale) and the typed text "/aide" (no locale: the localized name says it).
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/engine.js";
import { testProviders } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { directMessage, slashCommand } from "../../fakes/discord.js";
import { mapDirectMessage } from "../../../adapters/discord/mapper.js";
import { APP, callsSoon, discordHarnessPerTest, type Harness } from "./harness.js";

const lea = { id: "3500000000000000001", locale: "fr" };
const DM = "5500000000000000001";

describe("typed discord commands (pure)", () => {
  it.each([
    ["/aide", "help", "fr"],
    ["/soumettre https://www.instagram.com/p/abc/", "submit", "fr"],
    ["/rejoindre CODE1", "start", "fr"],
    ["/ayuda", "help", "es"],
    ["/start CODE1", "start", undefined],
    ["/help", "help", undefined],
  ])("given %s typed in a DM then it is the %s command (language hint %s)", (text, name, locale) => {
    const event = mapDirectMessage(directMessage("8700000000000000001", { id: "1" }, DM, text), new Date())!;
    expect(event.payload).toMatchObject({ type: "command", name });
    expect(event.author.locale).toBe(locale);
  });
});

describe.each(testProviders())("discord DM commands on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  it("given a French user then the DM slash command and the typed /aide both answer in French", async () => {
    const engine = createEngine(testDeps(database()));
    h = await discord.start((e) => engine.handle(e));
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8700000000000000002", lea, { channelId: DM }, "help"));
    const [callback] = await callsSoon(h.fake, "POST", /^\/interactions\/8700000000000000002\//);
    expect((callback!.body as { data: { content: string; flags?: number } }).data.content).toContain("Comment rejoindre");
    // In the DM the answer is a normal message, not ephemeral.
    expect(((callback!.body as { data: { flags?: number } }).data.flags ?? 0) & 64).toBe(0);

    h.fake.dispatch("MESSAGE_CREATE", directMessage("8700000000000000003", { id: "3500000000000000002" }, DM, "/aide"));
    const [posted] = await callsSoon(h.fake, "POST", new RegExp(`^/channels/${DM}/messages$`));
    expect((posted!.body as { content: string }).content).toContain("Comment rejoindre");
  });
});
