// A form posted behind an "Open the form" button (a DM message cannot open a modal) is kept in
// the database: the Discord client restarts between the two clicks and the button still opens
// the same modal, with its state.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testProviders } from "../../helpers/db.js";
import { buttonPress, directMessage, FakeDiscord } from "../../fakes/discord.js";
import type { FormSpec } from "../../../adapters/adapter.js";
import { APP, callsSoon, discordHarnessPerTest, type Harness } from "./harness.js";

const eva = { id: "3300000000000000001", locale: "fr" };
const DM = "5300000000000000001";
const FORM: FormSpec = {
  id: "submit.link",
  title: "Lien de la publication",
  submitLabel: "Envoyer",
  state: "m42",
  fields: [{ id: "url", label: "Lien", kind: "text", required: true, initial: "https://www.instagram.com/p/abc/" }],
};

describe.each(testProviders())("durable discord forms on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  let fake: FakeDiscord;
  let h: Harness | undefined;
  beforeEach(async () => {
    fake = await new FakeDiscord({ applicationId: APP }).listen();
  });
  afterEach(async () => {
    await h?.stop();
    await fake.close();
  });

  it("given a form behind a button then a restart between the two clicks keeps it", async () => {
    h = await discord.start(() => [{ blocks: [{ type: "paragraph", content: ["Envoyez le lien :"] }], form: FORM }], { fake });
    fake.dispatch("MESSAGE_CREATE", directMessage("8500000000000000001", eva, DM, "soumettre"));
    await callsSoon(fake, "POST", new RegExp(`^/channels/${DM}/messages$`));
    await h.adapter.idle();
    const posted = fake.lastMessage(DM)!;
    const openId = posted.components.flatMap((r) => r.components).find((c) => c.custom_id?.startsWith("advo:form:"))?.custom_id;
    expect(openId).toBeDefined();
    expect(await discord.database().db.pendingForm.count()).toBe(1);

    // The process restarts: a new client, nothing in memory.
    await h.stop();
    h = await discord.start(() => [], { fake });
    fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "8500000000000000002", eva, { channelId: DM }, openId!, posted));
    const [callback] = await callsSoon(fake, "POST", /^\/interactions\/8500000000000000002\//);
    const body = callback!.body as { type: number; data: { custom_id: string; title: string; components: { component: { value?: string } }[] } };
    expect(body.type).toBe(9); // MODAL
    expect(body.data).toMatchObject({ custom_id: "form:submit.link:m42", title: "Lien de la publication" });
    expect(body.data.components[0]!.component.value).toBe("https://www.instagram.com/p/abc/");
  });

  it("given an unknown or expired form button then the answer says it expired", async () => {
    h = await discord.start(() => [], { fake });
    fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "8500000000000000003", eva, { channelId: DM }, "advo:form:nope"));
    const [callback] = await callsSoon(fake, "POST", /^\/interactions\/8500000000000000003\//);
    expect((callback!.body as { data: { content: string } }).data.content).toMatch(/expir/i);
  });
});
