// The managers' /advo console: answers about the command itself (a mistyped sub-command).
import type { AreaCatalog } from "../catalog.js";

const advoConsole = {
  en: { "manage.advo.unknown_suggest": "Unknown command: /advo {command}. Did you mean /advo {suggestion}? Type /advo help for the list." },
  es: { "manage.advo.unknown_suggest": "Comando desconocido: /advo {command}. ¿Querías decir /advo {suggestion}? Escribe /advo help para ver la lista." },
  fr: { "manage.advo.unknown_suggest": "Commande inconnue : /advo {command}. Vouliez-vous dire /advo {suggestion} ? Tapez /advo help pour la liste." },
  it: { "manage.advo.unknown_suggest": "Comando sconosciuto: /advo {command}. Intendevi /advo {suggestion}? Scrivi /advo help per l’elenco." },
} satisfies AreaCatalog;

export default advoConsole;
