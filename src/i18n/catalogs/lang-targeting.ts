// Messages of the lang branch (issue 15): missions for readers of some languages — the form
// field, its error, the four languages named in each language, and the card's line.
import type { AreaCatalog } from "../catalog.js";

const langTargeting = {
  en: {
    "manage.field.languages": "Languages (empty = everyone)",
    "manage.form.language_unknown": "Unknown language in languages: use en, es, fr or it.",
    "lang.target.for_languages": "For {languages} speakers",
    "lang.target.name.en": "English",
    "lang.target.name.es": "Spanish",
    "lang.target.name.fr": "French",
    "lang.target.name.it": "Italian",
  },
  es: {
    "manage.field.languages": "Idiomas (vacío = todos)",
    "manage.form.language_unknown": "Idioma desconocido en languages: usa en, es, fr o it.",
    "lang.target.for_languages": "Para quienes hablan {languages}",
    "lang.target.name.en": "inglés",
    "lang.target.name.es": "español",
    "lang.target.name.fr": "francés",
    "lang.target.name.it": "italiano",
  },
  fr: {
    "manage.field.languages": "Langues (vide = tout le monde)",
    "manage.form.language_unknown": "Langue inconnue dans languages : utilisez en, es, fr ou it.",
    "lang.target.for_languages": "Pour les personnes qui parlent {languages}",
    "lang.target.name.en": "anglais",
    "lang.target.name.es": "espagnol",
    "lang.target.name.fr": "français",
    "lang.target.name.it": "italien",
  },
  it: {
    "manage.field.languages": "Lingue (vuoto = tutti)",
    "manage.form.language_unknown": "Lingua sconosciuta in languages: usa en, es, fr o it.",
    "lang.target.for_languages": "Per chi parla {languages}",
    "lang.target.name.en": "inglese",
    "lang.target.name.es": "spagnolo",
    "lang.target.name.fr": "francese",
    "lang.target.name.it": "italiano",
  },
} satisfies AreaCatalog;

export default langTargeting;
