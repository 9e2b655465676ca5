// The managers' channel as a shared workspace (issue 15): the message a published mission gets
// (its thread collects the review cards and decisions) and the console's program settings.
import type { AreaCatalog } from "../catalog.js";

const slackThreads = {
  en: {
    "slack.thread.published": "📣 Mission #{id} is live. Its submissions and decisions follow in this thread.",
  },
  es: {
    "slack.thread.published": "📣 La misión #{id} está publicada. Sus envíos y decisiones siguen en este hilo.",
  },
  fr: {
    "slack.thread.published": "📣 La mission #{id} est en ligne. Ses publications et les décisions suivent dans ce fil.",
  },
  it: {
    "slack.thread.published": "📣 La missione #{id} è online. I suoi contenuti e le decisioni seguono in questo thread.",
  },
} satisfies AreaCatalog;

export default slackThreads;
