// Manager-written content in each language (issue 17): reward translations in forms and files,
// and the report of missions and rewards that lack a language their influencers read.
import type { AreaCatalog } from "../catalog.js";

const translations = {
  en: {
    "lang.form.reward_translation_required": "Give the reward’s name in this language, or leave all of its fields empty.",
    "lang.form.reward_description_required": "The reward has a description: give it in this language too.",
  },
  es: {
    "lang.form.reward_translation_required": "Escribe el nombre de la recompensa en este idioma, o deja vacíos todos sus campos.",
    "lang.form.reward_description_required": "La recompensa tiene descripción: escríbela también en este idioma.",
  },
  fr: {
    "lang.form.reward_translation_required": "Indiquez le nom de la récompense dans cette langue, ou laissez tous ses champs vides.",
    "lang.form.reward_description_required": "La récompense a une description : donnez-la aussi dans cette langue.",
  },
  it: {
    "lang.form.reward_translation_required": "Scrivi il nome del premio in questa lingua, oppure lascia vuoti tutti i suoi campi.",
    "lang.form.reward_description_required": "Il premio ha una descrizione: scrivila anche in questa lingua.",
  },
} satisfies AreaCatalog;

export default translations;
