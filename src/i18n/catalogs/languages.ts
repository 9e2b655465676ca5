// Languages and time zones as a person meets them (issue 17): the language row on the first
// message, the onboarding time-zone step, typed zone search, and missions that lack a translation.
import type { AreaCatalog } from "../catalog.js";

const languages = {
  en: {
    "lang.onboarding.language_row": "Language: **{language}**. Prefer another one? Choose it below.",
    "lang.onboarding.timezone": "**Your time zone**\nDeadlines and reminders are shown in your time zone. Pick it below, or type a city or zone name (for example `Bogota` or `America/Bogota`). If you skip, dates are shown in {zone}.",
    "lang.onboarding.timezone_skip": "Skip",
    "lang.onboarding.timezone_invalid": "I don’t know the time zone “{zone}”. Type a city such as `Madrid` or a zone name such as `America/Mexico_City`, or use the buttons.",
    "lang.onboarding.timezone_set": "Dates will be shown in **{zone}** (it is {now} there).",
    "lang.onboarding.summary_zone": "Time zone: {zone}",
    "lang.onboarding.edit_timezone": "Edit time zone",
    "lang.timezone.which": "Several time zones match “{text}”. Which one is yours?",
  },
  es: {
    "lang.onboarding.language_row": "Idioma: **{language}**. ¿Prefieres otro? Elígelo abajo.",
    "lang.onboarding.timezone": "**Tu zona horaria**\nLas fechas límite y los recordatorios se muestran en tu zona horaria. Elígela abajo o escribe una ciudad o el nombre de la zona (por ejemplo `Bogota` o `America/Bogota`). Si lo omites, verás las fechas en {zone}.",
    "lang.onboarding.timezone_skip": "Omitir",
    "lang.onboarding.timezone_invalid": "No conozco la zona horaria «{zone}». Escribe una ciudad como `Madrid` o un nombre de zona como `America/Mexico_City`, o usa los botones.",
    "lang.onboarding.timezone_set": "Verás las fechas en **{zone}** (allí son las {now}).",
    "lang.onboarding.summary_zone": "Zona horaria: {zone}",
    "lang.onboarding.edit_timezone": "Cambiar zona horaria",
    "lang.timezone.which": "Varias zonas horarias coinciden con «{text}». ¿Cuál es la tuya?",
  },
  fr: {
    "lang.onboarding.language_row": "Langue : **{language}**. Vous en préférez une autre ? Choisissez-la ci-dessous.",
    "lang.onboarding.timezone": "**Votre fuseau horaire**\nLes dates limites et les rappels sont affichés dans votre fuseau horaire. Choisissez-le ci-dessous, ou tapez une ville ou un nom de fuseau (par exemple `Toronto` ou `America/Toronto`). Si vous passez cette étape, les dates sont affichées en {zone}.",
    "lang.onboarding.timezone_skip": "Passer",
    "lang.onboarding.timezone_invalid": "Je ne connais pas le fuseau horaire « {zone} ». Tapez une ville comme `Paris` ou un nom de fuseau comme `America/Toronto`, ou utilisez les boutons.",
    "lang.onboarding.timezone_set": "Les dates seront affichées en **{zone}** (il y est {now}).",
    "lang.onboarding.summary_zone": "Fuseau horaire : {zone}",
    "lang.onboarding.edit_timezone": "Modifier le fuseau",
    "lang.timezone.which": "Plusieurs fuseaux horaires correspondent à « {text} ». Lequel est le vôtre ?",
  },
  it: {
    "lang.onboarding.language_row": "Lingua: **{language}**. Ne preferisci un’altra? Sceglila qui sotto.",
    "lang.onboarding.timezone": "**Il tuo fuso orario**\nScadenze e promemoria sono mostrati nel tuo fuso orario. Sceglilo qui sotto, oppure scrivi una città o il nome del fuso (per esempio `Roma` o `Europe/Rome`). Se salti questo passaggio, vedrai le date in {zone}.",
    "lang.onboarding.timezone_skip": "Salta",
    "lang.onboarding.timezone_invalid": "Non conosco il fuso orario «{zone}». Scrivi una città come `Roma` o un nome di fuso come `Europe/Rome`, oppure usa i pulsanti.",
    "lang.onboarding.timezone_set": "Vedrai le date in **{zone}** (lì sono le {now}).",
    "lang.onboarding.summary_zone": "Fuso orario: {zone}",
    "lang.onboarding.edit_timezone": "Cambia fuso orario",
    "lang.timezone.which": "Più fusi orari corrispondono a «{text}». Qual è il tuo?",
  },
} satisfies AreaCatalog;

export default languages;
