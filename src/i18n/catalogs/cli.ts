// Messages of the operator CLI itself (issue 18): confirmations and the operator-only commands.
import type { AreaCatalog } from "../catalog.js";

const cli = {
  en: {
    "cli.audit.invalid": "That audit filter is not valid ({field}): --since takes a date like 2026-12-01, --limit 1 to 1000.",
    "cli.confirm.needs_yes": "This cannot be undone and there is no terminal to ask on: add --yes to confirm.",
    "cli.confirm.cancelled": "Cancelled; nothing was changed.",
  },
  es: {
    "cli.audit.invalid": "Ese filtro de auditoría no es válido ({field}): --since admite una fecha como 2026-12-01, --limit de 1 a 1000.",
    "cli.confirm.needs_yes": "Esto no se puede deshacer y no hay terminal donde preguntar: añade --yes para confirmar.",
    "cli.confirm.cancelled": "Cancelado; no se ha cambiado nada.",
  },
  fr: {
    "cli.audit.invalid": "Ce filtre du journal n’est pas valide ({field}) : --since prend une date comme 2026-12-01, --limit de 1 à 1000.",
    "cli.confirm.needs_yes": "C’est irréversible et aucun terminal ne permet de demander : ajoutez --yes pour confirmer.",
    "cli.confirm.cancelled": "Annulé ; rien n’a été modifié.",
  },
  it: {
    "cli.audit.invalid": "Questo filtro del registro non è valido ({field}): --since vuole una data come 2026-12-01, --limit da 1 a 1000.",
    "cli.confirm.needs_yes": "Non si può annullare e non c’è un terminale per chiedere conferma: aggiungi --yes per confermare.",
    "cli.confirm.cancelled": "Annullato; non è stato modificato nulla.",
  },
} satisfies AreaCatalog;

export default cli;
