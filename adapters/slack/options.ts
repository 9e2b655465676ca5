// What the Slack adapter is given (adapters/slack/index.ts builds it from the config and the
// services): tokens and the Web API root, the managers' channel and the callbacks through which it
// reaches Advo's services (managers, Homes, suggestions, deferred replies).
import type { HttpServer } from "../../src/http/server.js";
import type { Clock } from "../../src/clock.js";
import type { Logger } from "../../src/logger.js";
import type { DeferReply } from "../deferred-replies.js";
import type { MetricsHooks } from "../../src/metrics-hooks.js";

export interface SlackAdapterOptions {
  botToken: string;
  /** HTTP mode */
  signingSecret?: string;
  /** Socket Mode (wins over HTTP mode when set) */
  appToken?: string;
  /** Web API root, e.g. https://slack.com/api/ (tests: the fake) */
  apiUrl: string;
  /** channel id whose members are the managers */
  managerChannel?: string;
  log: Logger;
  clock: Clock;
  /** HTTP mode: the server that mounts POST /slack/events (a Hono sub-app) */
  http?: Pick<HttpServer, "mount">;
  /** makes the platform's managers exactly these user ids (src/services/managers.ts) */
  syncManagers?: (userIds: string[]) => Promise<unknown>;
  /**
   * Not a permission check (the services decide those): outside a DM, a manager's events belong
   * to the channel's console conversation and may replace shared cards; anyone else's belong to
   * their own DM conversation and their replies (a refusal) are shown to them alone.
   */
  isManager?: (userId: string) => Promise<boolean>;
  /** whether the engine has a command of this name (routes `/advo <name>` and DM words, see mapper) */
  knownCommand?: (name: string) => boolean;
  /**
   * The App Home view for a user (manager or not: the callee decides what they may see), from
   * their Slack locale and time zone hints. Published on app_home_opened (Home tab only) and
   * after each button or modal a manager completes.
   */
  homeView?: (userId: string, hints: { locale?: string; timeZone?: string }) => Promise<Record<string, unknown>>;
  /** the known values of a modal list field (regions, interests, tags) for its external select; managers only */
  suggestions?: (field: string) => Promise<string[]>;
  /** remembers that this user opened their Home tab (app_home_opened, Home tab) */
  homeOpened?: (userId: string) => Promise<void>;
  /**
   * Republishing the other managers' Homes after a change that concerns them (home-republisher.ts):
   * who opened theirs, and the managers' view built once per run for every reader's hints.
   */
  homeRepublish?: {
    readers: () => Promise<string[]>;
    views: () => Promise<((hints: { locale?: string; timeZone?: string }) => Record<string, unknown>) | undefined>;
    /** coalescing window (default 2 s) */
    delayMs?: number;
  };
  /** how long to wait for the engine before acking empty (Slack's limit is 3 s) */
  ackBudgetMs?: number;
  /** where a DM reply that still fails transiently (429, 5xx, timeout) is queued: the outbox */
  deferReply?: DeferReply;
  /** cap on one Web API attempt of the reply client (default 10 s; it retries 3 times) */
  replyTimeoutMs?: number;
  metrics?: MetricsHooks;
}
