// The stored status words (influencers, missions, participations, submissions, redemptions, cycles)
// as a manager reads them on the dashboard, in their language (issue 17: no raw English "published").
// The select keys touch their braces ("approved{…}"): the catalog test reads a word glued to "{" as a
// selector, not prose.
import type { AreaCatalog } from "../catalog.js";

export default {
  en: {
    "status.word": "{status, select, invited{invited} onboarding{onboarding} active{active} paused{paused} left{left} deleted{erased} draft{draft} scheduled{scheduled} published{published} closed{closed} open{open} offered{offered} accepted{accepted} declined{declined} submitted{submitted} approved{approved} rejected{rejected} expired{expired} withdrawn{withdrawn} pending{pending} verified{verified} needs_review{needs review} not_found{not found} shipped{shipped} fulfilled{fulfilled} cancelled{cancelled} other{{status}}}",
  },
  es: {
    "status.word": "{status, select, invited{invitada} onboarding{en incorporación} active{activa} paused{en pausa} left{de baja} deleted{datos borrados} draft{borrador} scheduled{programada} published{publicada} closed{cerrada} open{abierto} offered{ofrecida} accepted{aceptada} declined{rechazada por la persona} submitted{enviada} approved{aprobada} rejected{rechazada} expired{caducada} withdrawn{retirada} pending{pendiente} verified{verificada} needs_review{por revisar} not_found{no encontrada} shipped{enviado} fulfilled{entregado} cancelled{cancelado} other{{status}}}",
  },
  fr: {
    "status.word": "{status, select, invited{invitation envoyée} onboarding{en accueil} active{active} paused{en pause} left{partie} deleted{données effacées} draft{brouillon} scheduled{programmée} published{publiée} closed{clôturée} open{ouvert} offered{proposée} accepted{acceptée} declined{déclinée} submitted{soumise} approved{approuvée} rejected{refusée} expired{expirée} withdrawn{retirée} pending{en attente} verified{vérifiée} needs_review{à revoir} not_found{introuvable} shipped{expédié} fulfilled{livré} cancelled{annulé} other{{status}}}",
  },
  it: {
    "status.word": "{status, select, invited{invito inviato} onboarding{in benvenuto} active{attiva} paused{in pausa} left{uscita} deleted{dati cancellati} draft{bozza} scheduled{programmata} published{pubblicata} closed{chiusa} open{aperto} offered{proposta} accepted{accettata} declined{declinata} submitted{inviata} approved{approvata} rejected{rifiutata} expired{scaduta} withdrawn{ritirata} pending{in attesa} verified{verificata} needs_review{da rivedere} not_found{non trovata} shipped{spedito} fulfilled{consegnato} cancelled{annullato} other{{status}}}",
  },
} satisfies AreaCatalog;
