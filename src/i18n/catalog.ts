// All catalogs, merged. Each area file holds one area's messages in every locale, so areas can
// change independently. Add a new area file here.
import type { Locale } from "../config.js";
import core from "./catalogs/core.js";
import jobs from "./catalogs/jobs.js";
import discord from "./catalogs/discord.js";
import manage from "./catalogs/manage.js";
import telegram from "./catalogs/telegram.js";
import links from "./catalogs/links.js";
import verify from "./catalogs/verify.js";
import journey from "./catalogs/journey.js";
import notices from "./catalogs/notices.js";
import measurement from "./catalogs/measurement.js";
import measurementResults from "./catalogs/measurement-results.js";
import accounts from "./catalogs/accounts.js";
import outcomes from "./catalogs/outcomes.js";
import growth from "./catalogs/growth.js";
import web from "./catalogs/web.js";
import webPages from "./catalogs/web-pages.js";
import webRecords from "./catalogs/web-records.js";
import slackHome from "./catalogs/slack-home.js";
import advoConsole from "./catalogs/advo-console.js";
import reviewCard from "./catalogs/review-card.js";
import languages from "./catalogs/languages.js";
import operations from "./catalogs/operations.js";
import translations from "./catalogs/translations.js";
import slackConsole from "./catalogs/slack-console.js";
import announce from "./catalogs/announce.js";
import statuses from "./catalogs/statuses.js";
import cli from "./catalogs/cli.js";
import referrals from "./catalogs/referrals.js";
import fulfilment from "./catalogs/fulfilment.js";
import growthTargeting from "./catalogs/growth-targeting.js";
import measureProofs from "./catalogs/measure-proofs.js";
import slackThreads from "./catalogs/slack-threads.js";
import langTargeting from "./catalogs/lang-targeting.js";
import gaps from "./catalogs/gaps.js";

export type Catalog = Record<string, string>;
export type AreaCatalog = Record<Locale, Catalog>;

/** Every message id, derived from the English catalogs (the reference language). */
export type MessageId =
  | keyof typeof core.en
  | keyof typeof jobs.en
  | keyof typeof discord.en
  | keyof typeof manage.en
  | keyof typeof telegram.en
  | keyof typeof links.en
  | keyof typeof verify.en
  | keyof typeof journey.en
  | keyof typeof notices.en
  | keyof typeof measurement.en
  | keyof typeof measurementResults.en
  | keyof typeof accounts.en
  | keyof typeof outcomes.en
  | keyof typeof growth.en
  | keyof typeof web.en
  | keyof typeof webPages.en
  | keyof typeof webRecords.en
  | keyof typeof slackHome.en
  | keyof typeof advoConsole.en
  | keyof typeof reviewCard.en
  | keyof typeof languages.en
  | keyof typeof operations.en
  | keyof typeof translations.en
  | keyof typeof slackConsole.en
  | keyof typeof announce.en
  | keyof typeof statuses.en
  | keyof typeof cli.en
  | keyof typeof referrals.en
  | keyof typeof fulfilment.en
  | keyof typeof growthTargeting.en
  | keyof typeof measureProofs.en
  | keyof typeof slackThreads.en
  | keyof typeof langTargeting.en
  | keyof typeof gaps.en;

const areas: AreaCatalog[] = [core, discord, manage, jobs, telegram, links, journey, verify, notices, measurement, measurementResults, accounts, outcomes, growth, web, webPages, webRecords, slackHome, advoConsole, reviewCard, languages, operations, translations, slackConsole, announce, cli, referrals, fulfilment, statuses, growthTargeting, measureProofs, slackThreads, langTargeting, gaps];

function merge(locale: Locale): Catalog {
  return Object.assign({}, ...areas.map((a) => a[locale]));
}

export const catalogs: Record<Locale, Catalog> = {
  en: merge("en"),
  es: merge("es"),
  fr: merge("fr"),
  it: merge("it"),
};
