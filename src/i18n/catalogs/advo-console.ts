// The managers' /advo console: answers about the command itself (a mistyped sub-command) and the questions asked before a destructive action.
import type { AreaCatalog } from "../catalog.js";

const advoConsole = {
  en: { "manage.advo.unknown_suggest": "Unknown command: /advo {command}. Did you mean /advo {suggestion}? Type /advo help for the list.", "manage.confirm.mission_close_title": "Close this mission?", "manage.confirm.mission_close_text": "Mission #{id} stops taking acceptances and links now, and everyone who accepted it is told.", "manage.confirm.keep": "Keep it open" },
  es: { "manage.advo.unknown_suggest": "Comando desconocido: /advo {command}. ¿Querías decir /advo {suggestion}? Escribe /advo help para ver la lista.", "manage.confirm.mission_close_title": "¿Cerrar esta misión?", "manage.confirm.mission_close_text": "La misión #{id} deja de aceptar participantes y enlaces ahora, y se avisa a quienes la aceptaron.", "manage.confirm.keep": "Mantenerla abierta" },
  fr: { "manage.advo.unknown_suggest": "Commande inconnue : /advo {command}. Vouliez-vous dire /advo {suggestion} ? Tapez /advo help pour la liste.", "manage.confirm.mission_close_title": "Clôturer cette mission ?", "manage.confirm.mission_close_text": "La mission #{id} n’accepte plus de participants ni de liens dès maintenant, et tous ceux qui l’ont acceptée sont prévenus.", "manage.confirm.keep": "La garder ouverte" },
  it: { "manage.advo.unknown_suggest": "Comando sconosciuto: /advo {command}. Intendevi /advo {suggestion}? Scrivi /advo help per l’elenco.", "manage.confirm.mission_close_title": "Chiudere questa missione?", "manage.confirm.mission_close_text": "La missione #{id} smette ora di accettare adesioni e link, e chi l’ha accettata viene avvisato.", "manage.confirm.keep": "Lasciala aperta" },
} satisfies AreaCatalog;

export default advoConsole;
