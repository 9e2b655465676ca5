// Messages of the gaps branch (stop 27): the per-person cap on social handles, removing a tier
// that missions list, and the broadcast form's languages.
import type { AreaCatalog } from "../catalog.js";

const gaps = {
  en: {
    "accounts.too_many": "You have {max} accounts already, the most one person can register. Remove one in /accounts, then add this one.",
    "manage.broadcast.language_unknown": "Unknown language in languages: {value}. Use {languages}.",
  },
  es: {
    "accounts.too_many": "Ya tienes {max} cuentas, el máximo por persona. Quita una en /accounts y luego añade esta.",
    "manage.broadcast.language_unknown": "Idioma desconocido en languages: {value}. Usa {languages}.",
  },
  fr: {
    "accounts.too_many": "Vous avez déjà {max} comptes, le maximum par personne. Retirez-en un dans /accounts, puis ajoutez celui-ci.",
    "manage.broadcast.language_unknown": "Langue inconnue dans languages : {value}. Utilisez {languages}.",
  },
  it: {
    "accounts.too_many": "Hai già {max} account, il massimo per persona. Rimuovine uno in /accounts, poi aggiungi questo.",
    "manage.broadcast.language_unknown": "Lingua sconosciuta in languages: {value}. Usa {languages}.",
  },
} satisfies AreaCatalog;

export default gaps;
