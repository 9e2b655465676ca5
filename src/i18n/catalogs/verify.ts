// Reasons given with a verification decision (src/domain/verification-rules.ts). They fill the
// {reason} of jobs.verify.rejected for influencers and the notes managers see in the review queue.
import type { AreaCatalog } from "../catalog.js";

const verify = {
  en: {
    "verify.reason.not_found": "the post could not be found: it may have been deleted or the link is wrong.",
    "verify.reason.not_public": "the post data is not public, so the team checks it by hand.",
    "verify.reason.author_unknown": "the author of the post is not visible.",
    "verify.reason.author_mismatch": "the post is by @{author}, which is not one of your registered handles.",
    "verify.reason.text_unknown": "the text of the post is not visible.",
    "verify.reason.missing_hashtags": "required hashtags are missing: {tags}",
    "verify.reason.missing_mentions": "required mentions are missing: {tags}",
    "verify.reason.missing_disclosure": "the sponsorship disclosure is missing.",
  },
  es: {
    "verify.reason.not_found": "no se encuentra la publicación: puede que se haya borrado o que el enlace sea incorrecto.",
    "verify.reason.not_public": "los datos de la publicación no son públicos, así que el equipo la revisa a mano.",
    "verify.reason.author_unknown": "no se ve el autor de la publicación.",
    "verify.reason.author_mismatch": "la publicación es de @{author}, que no es uno de tus usuarios registrados.",
    "verify.reason.text_unknown": "no se ve el texto de la publicación.",
    "verify.reason.missing_hashtags": "faltan hashtags obligatorios: {tags}",
    "verify.reason.missing_mentions": "faltan menciones obligatorias: {tags}",
    "verify.reason.missing_disclosure": "falta la mención de patrocinio.",
  },
  fr: {
    "verify.reason.not_found": "la publication est introuvable : elle a peut-être été supprimée ou le lien est erroné.",
    "verify.reason.not_public": "les données de la publication ne sont pas publiques, l'équipe la vérifie donc à la main.",
    "verify.reason.author_unknown": "l'auteur de la publication n'est pas visible.",
    "verify.reason.author_mismatch": "la publication est de @{author}, qui ne fait pas partie de vos identifiants enregistrés.",
    "verify.reason.text_unknown": "le texte de la publication n'est pas visible.",
    "verify.reason.missing_hashtags": "des hashtags obligatoires manquent : {tags}",
    "verify.reason.missing_mentions": "des mentions obligatoires manquent : {tags}",
    "verify.reason.missing_disclosure": "la mention de partenariat manque.",
  },
  it: {
    "verify.reason.not_found": "il post non si trova: potrebbe essere stato eliminato o il link è sbagliato.",
    "verify.reason.not_public": "i dati del post non sono pubblici, quindi il team lo controlla a mano.",
    "verify.reason.author_unknown": "l'autore del post non è visibile.",
    "verify.reason.author_mismatch": "il post è di @{author}, che non è uno dei tuoi nomi utente registrati.",
    "verify.reason.text_unknown": "il testo del post non è visibile.",
    "verify.reason.missing_hashtags": "mancano hashtag obbligatori: {tags}",
    "verify.reason.missing_mentions": "mancano menzioni obbligatorie: {tags}",
    "verify.reason.missing_disclosure": "manca l'indicazione di sponsorizzazione.",
  },
} satisfies AreaCatalog;

export default verify;
