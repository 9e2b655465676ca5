// Notices to the managers' channel (redemptions, cycle close, daily digest).
import type { AreaCatalog } from "../catalog.js";

const notices = {
  en: {
    "notice.redemption": "**New redemption #{id}**: {reward} ({cost, plural, one {# point} other {# points}}) for {influencer} (influencer {influencerId}). Fulfil it or cancel it (cancelling refunds the points).",
    "notice.cycle_closed": "**Cycle {cycle} closed.** Participants: {participants}. Bonuses paid: {bonuses, plural, one {# point} other {# points}}. Expired: {expired, plural, one {# point} other {# points}}. Rolled over: {rolledOver, plural, one {# point} other {# points}}. Cycle {next} is open.",
    "notice.digest": "**Pending work today**\n- submissions to review: {review}\n- redemptions to fulfil: {redemptions}\n- messages that failed in the last day: {failed}\nType `/advo review` or `/advo redemptions`.",
  },
  es: {
    "notice.redemption": "**Nuevo canje #{id}**: {reward} ({cost, plural, one {# punto} other {# puntos}}) para {influencer} (influencer {influencerId}). Entrégalo o cancélalo (cancelar devuelve los puntos).",
    "notice.cycle_closed": "**Ciclo {cycle} cerrado.** Participantes: {participants}. Bonificaciones pagadas: {bonuses, plural, one {# punto} other {# puntos}}. Caducados: {expired, plural, one {# punto} other {# puntos}}. Traspasados: {rolledOver, plural, one {# punto} other {# puntos}}. El ciclo {next} está abierto.",
    "notice.digest": "**Trabajo pendiente hoy**\n- envíos por revisar: {review}\n- canjes por entregar: {redemptions}\n- mensajes fallidos en el último día: {failed}\nEscribe `/advo review` o `/advo redemptions`.",
  },
  fr: {
    "notice.redemption": "**Nouvel échange #{id}** : {reward} ({cost, plural, one {# point} other {# points}}) pour {influencer} (influenceur {influencerId}). Honorez-le ou annulez-le (l'annulation rembourse les points).",
    "notice.cycle_closed": "**Cycle {cycle} clôturé.** Participants : {participants}. Bonus versés : {bonuses, plural, one {# point} other {# points}}. Expirés : {expired, plural, one {# point} other {# points}}. Reportés : {rolledOver, plural, one {# point} other {# points}}. Le cycle {next} est ouvert.",
    "notice.digest": "**Travail en attente aujourd'hui**\n- publications à examiner : {review}\n- échanges à honorer : {redemptions}\n- messages en échec depuis hier : {failed}\nTapez `/advo review` ou `/advo redemptions`.",
  },
  it: {
    "notice.redemption": "**Nuovo riscatto #{id}**: {reward} ({cost, plural, one {# punto} other {# punti}}) per {influencer} (influencer {influencerId}). Evadilo o annullalo (l'annullamento rimborsa i punti).",
    "notice.cycle_closed": "**Ciclo {cycle} chiuso.** Partecipanti: {participants}. Bonus pagati: {bonuses, plural, one {# punto} other {# punti}}. Scaduti: {expired, plural, one {# punto} other {# punti}}. Riportati: {rolledOver, plural, one {# punto} other {# punti}}. Il ciclo {next} è aperto.",
    "notice.digest": "**Lavoro in sospeso oggi**\n- contenuti da revisionare: {review}\n- riscatti da evadere: {redemptions}\n- messaggi non riusciti nell'ultimo giorno: {failed}\nScrivi `/advo review` o `/advo redemptions`.",
  },
} satisfies AreaCatalog;

export default notices;
