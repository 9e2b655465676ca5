// Missions announced in a community channel (Discord's DISCORD_ANNOUNCE_CHANNEL_ID): the button
// under the card that opens the mission in the person's own DM.
import type { AreaCatalog } from "../catalog.js";

const announce = {
  en: { "announce.channel.open": "Open it in my DMs" },
  es: { "announce.channel.open": "Abrirla en mis mensajes directos" },
  fr: { "announce.channel.open": "L’ouvrir en message privé" },
  it: { "announce.channel.open": "Aprila nei miei messaggi diretti" },
} satisfies AreaCatalog;

export default announce;
