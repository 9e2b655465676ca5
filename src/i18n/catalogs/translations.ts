// Manager-written content in each language (issue 17): reward translations in forms and files,
// and the report of missions and rewards that lack a language their influencers read.
import type { AreaCatalog } from "../catalog.js";

const translations = {
  en: {
    "lang.missing.title": "Missing translations",
    "lang.missing.languages": "Languages your influencers read: {languages}.",
    "lang.missing.language_count": "{language} ({count, plural, one {# influencer} other {# influencers}})",
    "lang.missing.mission": "Mission {id} “{title}” ({status, select, draft {draft} scheduled {scheduled} other {published}}): not yet in {languages}",
    "lang.missing.reward": "Reward {id} “{title}”: not yet in {languages}",
    "lang.missing.none": "Every open mission and active reward is translated into these languages.",
    "lang.form.reward_translation_required": "Give the reward’s name in this language, or leave all of its fields empty.",
    "lang.form.reward_description_required": "The reward has a description: give it in this language too.",
  },
  es: {
    "lang.missing.title": "Traducciones pendientes",
    "lang.missing.languages": "Idiomas que leen tus influencers: {languages}.",
    "lang.missing.language_count": "{language} ({count, plural, one {# influencer} other {# influencers}})",
    "lang.missing.mission": "Misión {id} «{title}» ({status, select, draft {borrador} scheduled {programada} other {publicada}}): falta traducirla a {languages}",
    "lang.missing.reward": "Recompensa {id} «{title}»: falta traducirla a {languages}",
    "lang.missing.none": "Todas las misiones abiertas y las recompensas activas están traducidas a estos idiomas.",
    "lang.form.reward_translation_required": "Escribe el nombre de la recompensa en este idioma, o deja vacíos todos sus campos.",
    "lang.form.reward_description_required": "La recompensa tiene descripción: escríbela también en este idioma.",
  },
  fr: {
    "lang.missing.title": "Traductions manquantes",
    "lang.missing.languages": "Langues lues par vos influenceurs et influenceuses : {languages}.",
    "lang.missing.language_count": "{language} ({count, plural, one {# personne} other {# personnes}})",
    "lang.missing.mission": "Mission {id} « {title} » ({status, select, draft {brouillon} scheduled {programmée} other {publiée}}) : à traduire en {languages}",
    "lang.missing.reward": "Récompense {id} « {title} » : à traduire en {languages}",
    "lang.missing.none": "Toutes les missions ouvertes et les récompenses actives sont traduites dans ces langues.",
    "lang.form.reward_translation_required": "Indiquez le nom de la récompense dans cette langue, ou laissez tous ses champs vides.",
    "lang.form.reward_description_required": "La récompense a une description : donnez-la aussi dans cette langue.",
  },
  it: {
    "lang.missing.title": "Traduzioni mancanti",
    "lang.missing.languages": "Lingue lette dai tuoi influencer: {languages}.",
    "lang.missing.language_count": "{language} ({count, plural, one {# persona} other {# persone}})",
    "lang.missing.mission": "Missione {id} «{title}» ({status, select, draft {bozza} scheduled {programmata} other {pubblicata}}): da tradurre in {languages}",
    "lang.missing.reward": "Premio {id} «{title}»: da tradurre in {languages}",
    "lang.missing.none": "Tutte le missioni aperte e i premi attivi sono tradotti in queste lingue.",
    "lang.form.reward_translation_required": "Scrivi il nome del premio in questa lingua, oppure lascia vuoti tutti i suoi campi.",
    "lang.form.reward_description_required": "Il premio ha una descrizione: scrivila anche in questa lingua.",
  },
} satisfies AreaCatalog;

export default translations;
