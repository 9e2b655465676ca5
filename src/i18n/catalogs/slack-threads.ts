// The managers' channel as a shared workspace (issue 15): the message a published mission gets
// (its thread collects the review cards and decisions) and the console's program settings.
import type { AreaCatalog } from "../catalog.js";

const slackThreads = {
  en: {
    "slack.settings.confirm_above_now": "Points adjustments above {points, number} points ask for a confirmation first.",
    "slack.settings.confirm_above_set": "Done: adjustments above {points, number} points now ask for a confirmation first (it was {before, number}).",
    "slack.settings.confirm_above_invalid": "“{value}” is not a number of points: give a whole number from 0 to {max, number}, e.g. /advo settings confirm-above 2000.",
    "slack.thread.published": "📣 Mission #{id} is live. Its submissions and decisions follow in this thread.",
  },
  es: {
    "slack.settings.confirm_above_now": "Los ajustes de más de {points, number} puntos piden confirmación antes.",
    "slack.settings.confirm_above_set": "Hecho: los ajustes de más de {points, number} puntos piden ahora confirmación antes (antes era {before, number}).",
    "slack.settings.confirm_above_invalid": "«{value}» no es un número de puntos: indica un número entero de 0 a {max, number}, p. ej. /advo settings confirm-above 2000.",
    "slack.thread.published": "📣 La misión #{id} está publicada. Sus envíos y decisiones siguen en este hilo.",
  },
  fr: {
    "slack.settings.confirm_above_now": "Les ajustements de plus de {points, number} points demandent d’abord une confirmation.",
    "slack.settings.confirm_above_set": "C’est fait : les ajustements de plus de {points, number} points demandent désormais une confirmation (c’était {before, number}).",
    "slack.settings.confirm_above_invalid": "« {value} » n’est pas un nombre de points : indiquez un nombre entier de 0 à {max, number}, par ex. /advo settings confirm-above 2000.",
    "slack.thread.published": "📣 La mission #{id} est en ligne. Ses publications et les décisions suivent dans ce fil.",
  },
  it: {
    "slack.settings.confirm_above_now": "Le rettifiche oltre {points, number} punti chiedono prima una conferma.",
    "slack.settings.confirm_above_set": "Fatto: le rettifiche oltre {points, number} punti ora chiedono prima una conferma (prima era {before, number}).",
    "slack.settings.confirm_above_invalid": "«{value}» non è un numero di punti: indica un numero intero da 0 a {max, number}, ad es. /advo settings confirm-above 2000.",
    "slack.thread.published": "📣 La missione #{id} è online. I suoi contenuti e le decisioni seguono in questo thread.",
  },
} satisfies AreaCatalog;

export default slackThreads;
