// Measurement results (issue 13, second part): points per attributed sale and their refunds, the
// mission field that sets them, engagement figures (views, likes, comments) and their source.
import type { AreaCatalog } from "../catalog.js";

const measurementResults = {
  en: {
    "measurement.report.engagement_row": "engagement where known ({posts, plural, one {# post} other {# posts}}): {views} views, {likes} likes, {comments} comments",
    "manage.field.pointsPerConversion": "Points per sale through the influencer’s link or code (optional)",
    "manage.form.points_per_conversion": "A whole number from 0 to 1,000,000.",
    "journey.card.points_per_conversion": "Per sale through your link or code:",
    "measurement.conversion_points": "A sale came through your link or code for **{title}**: +{points, plural, one {# point} other {# points}}.",
    "measurement.conversion_refunded": "An order through your link or code for **{title}** was refunded: −{points, plural, one {# point} other {# points}}.",
    "journey.points.kind.conversion": "sale",
    "measurement.engagement": "{views} views · {likes} likes · {comments} comments · {source}, {date}",
    "measurement.engagement.source.youtube_api": "YouTube API",
    "measurement.engagement.source.self_reported": "self-reported",
    "measurement.engagement.unknown": "—",
  },
  es: {
    "measurement.report.engagement_row": "interacción conocida ({posts, plural, one {# publicación} other {# publicaciones}}): {views} visualizaciones, {likes} me gusta, {comments} comentarios",
    "manage.field.pointsPerConversion": "Puntos por venta con el enlace o código del influencer (opcional)",
    "manage.form.points_per_conversion": "Un número entero de 0 a 1.000.000.",
    "journey.card.points_per_conversion": "Por venta con tu enlace o código:",
    "measurement.conversion_points": "Llegó una venta con tu enlace o código para **{title}**: +{points, plural, one {# punto} other {# puntos}}.",
    "measurement.conversion_refunded": "Se reembolsó un pedido hecho con tu enlace o código para **{title}**: −{points, plural, one {# punto} other {# puntos}}.",
    "journey.points.kind.conversion": "venta",
    "measurement.engagement": "{views} visualizaciones · {likes} me gusta · {comments} comentarios · {source}, {date}",
    "measurement.engagement.source.youtube_api": "API de YouTube",
    "measurement.engagement.source.self_reported": "declarado por el influencer",
    "measurement.engagement.unknown": "—",
  },
  fr: {
    "measurement.report.engagement_row": "engagement connu ({posts, plural, one {# publication} other {# publications}}) : {views} vues, {likes} j’aime, {comments} commentaires",
    "manage.field.pointsPerConversion": "Points par vente via le lien ou le code de l’influenceur (facultatif)",
    "manage.form.points_per_conversion": "Un nombre entier de 0 à 1 000 000.",
    "journey.card.points_per_conversion": "Par vente via votre lien ou votre code :",
    "measurement.conversion_points": "Une vente est arrivée via votre lien ou votre code pour **{title}** : +{points, plural, one {# point} other {# points}}.",
    "measurement.conversion_refunded": "Une commande passée via votre lien ou votre code pour **{title}** a été remboursée : −{points, plural, one {# point} other {# points}}.",
    "journey.points.kind.conversion": "vente",
    "measurement.engagement": "{views} vues · {likes} j’aime · {comments} commentaires · {source}, {date}",
    "measurement.engagement.source.youtube_api": "API YouTube",
    "measurement.engagement.source.self_reported": "déclaré par l’influenceur",
    "measurement.engagement.unknown": "—",
  },
  it: {
    "measurement.report.engagement_row": "coinvolgimento noto ({posts, plural, one {# post} other {# post}}): {views} visualizzazioni, {likes} mi piace, {comments} commenti",
    "manage.field.pointsPerConversion": "Punti per vendita tramite il link o il codice dell’influencer (facoltativo)",
    "manage.form.points_per_conversion": "Un numero intero da 0 a 1.000.000.",
    "journey.card.points_per_conversion": "Per vendita tramite il tuo link o codice:",
    "measurement.conversion_points": "È arrivata una vendita tramite il tuo link o codice per **{title}**: +{points, plural, one {# punto} other {# punti}}.",
    "measurement.conversion_refunded": "Un ordine fatto con il tuo link o codice per **{title}** è stato rimborsato: −{points, plural, one {# punto} other {# punti}}.",
    "journey.points.kind.conversion": "vendita",
    "measurement.engagement": "{views} visualizzazioni · {likes} mi piace · {comments} commenti · {source}, {date}",
    "measurement.engagement.source.youtube_api": "API di YouTube",
    "measurement.engagement.source.self_reported": "dichiarato dall’influencer",
    "measurement.engagement.unknown": "—",
  },
} satisfies AreaCatalog;

export default measurementResults;
