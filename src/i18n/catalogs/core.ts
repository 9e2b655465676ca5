// Messages of the engine itself: errors, help, language.
import type { AreaCatalog } from "../catalog.js";

const core: AreaCatalog = {
  en: {
    "core.error.generic": "Sorry, something went wrong on our side. Please try again in a moment.",
    "core.unknown_command": "I don't know the command /{command}. Type /help to see what I can do.",
  },
  es: {
    "core.error.generic": "Lo sentimos, algo ha fallado por nuestra parte. Inténtalo de nuevo en un momento.",
    "core.unknown_command": "No conozco el comando /{command}. Escribe /help para ver lo que puedo hacer.",
  },
  fr: {
    "core.error.generic": "Désolé, un problème est survenu de notre côté. Réessayez dans un instant.",
    "core.unknown_command": "Je ne connais pas la commande /{command}. Tapez /help pour voir ce que je sais faire.",
  },
  it: {
    "core.error.generic": "Spiacenti, qualcosa è andato storto da parte nostra. Riprova tra un momento.",
    "core.unknown_command": "Non conosco il comando /{command}. Scrivi /help per vedere cosa posso fare.",
  },
};

export default core;
