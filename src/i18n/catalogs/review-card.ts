// The review card's evidence, in sentences (src/engine/manage/evidence-lines.ts).
import type { AreaCatalog } from "../catalog.js";

const reviewCard = {
  en: {
    "review.card.not_checked_yet": "Not checked yet.",
    "review.card.live": "Post is live.",
    "review.card.gone": "Post not found: deleted or never public.",
    "review.card.unreadable": "Post could not be read (private or blocked).",
    "review.card.author_seen": "Author seen: {handle}",
    "review.card.author_not_checked": "Author: not checked — private post",
    "review.card.tags": "Tags found: {found} · missing: {missing}",
    "review.card.disclosure_yes": "Disclosure: present",
    "review.card.disclosure_no": "Disclosure: missing",
    "review.card.notes": "Notes: {notes}",
  },
  es: {
    "review.card.not_checked_yet": "Aún no comprobado.",
    "review.card.live": "La publicación está en línea.",
    "review.card.gone": "Publicación no encontrada: borrada o nunca pública.",
    "review.card.unreadable": "No se pudo leer la publicación (privada o bloqueada).",
    "review.card.author_seen": "Autor visto: {handle}",
    "review.card.author_not_checked": "Autor: sin comprobar — publicación privada",
    "review.card.tags": "Etiquetas encontradas: {found} · faltan: {missing}",
    "review.card.disclosure_yes": "Aviso de publicidad: presente",
    "review.card.disclosure_no": "Aviso de publicidad: falta",
    "review.card.notes": "Notas: {notes}",
  },
  fr: {
    "review.card.not_checked_yet": "Pas encore vérifié.",
    "review.card.live": "La publication est en ligne.",
    "review.card.gone": "Publication introuvable : supprimée ou jamais publique.",
    "review.card.unreadable": "Impossible de lire la publication (privée ou bloquée).",
    "review.card.author_seen": "Auteur vu : {handle}",
    "review.card.author_not_checked": "Auteur : non vérifié — publication privée",
    "review.card.tags": "Tags trouvés : {found} · manquants : {missing}",
    "review.card.disclosure_yes": "Mention publicitaire : présente",
    "review.card.disclosure_no": "Mention publicitaire : absente",
    "review.card.notes": "Notes : {notes}",
  },
  it: {
    "review.card.not_checked_yet": "Non ancora verificato.",
    "review.card.live": "Il post è online.",
    "review.card.gone": "Post non trovato: cancellato o mai pubblico.",
    "review.card.unreadable": "Impossibile leggere il post (privato o bloccato).",
    "review.card.author_seen": "Autore visto: {handle}",
    "review.card.author_not_checked": "Autore: non verificato — post privato",
    "review.card.tags": "Tag trovati: {found} · mancanti: {missing}",
    "review.card.disclosure_yes": "Dicitura pubblicitaria: presente",
    "review.card.disclosure_no": "Dicitura pubblicitaria: assente",
    "review.card.notes": "Note: {notes}",
  },
} satisfies AreaCatalog;

export default reviewCard;
