// Messages for links and handles the influencer types: post links (src/domain/links.ts) and
// social handles (src/domain/handles.ts). The ids are the error values those functions return.
import type { AreaCatalog } from "../catalog.js";

const links = {
  en: {
    "link.invalid_url": "That does not look like a link. Send the full address of your post, starting with https://",
    "link.unsupported_network": "Links from {host} are not supported. Use a post on Instagram, TikTok, YouTube, X, Facebook, Twitch or LinkedIn.",
    "link.not_a_post": "That {network} link does not point to a single post. Open the post itself and copy its link.",
    "handle.empty": "Please send your handle, e.g. @yourname, or the link to your profile.",
    "handle.invalid": "That is not a valid {network} handle. Send it as @yourname or paste the link to your profile.",
    "handle.wrong_network": "That link is a {actual} profile, but we asked for your {network} handle.",
    "handle.not_a_profile": "That link is not a {network} profile. Paste the link to your profile page, or send @yourname.",
  },
  es: {
    "link.invalid_url": "Eso no parece un enlace. Envía la dirección completa de tu publicación, empezando por https://",
    "link.unsupported_network": "Los enlaces de {host} no están admitidos. Usa una publicación de Instagram, TikTok, YouTube, X, Facebook, Twitch o LinkedIn.",
    "link.not_a_post": "Ese enlace de {network} no apunta a una publicación concreta. Abre la publicación y copia su enlace.",
    "handle.empty": "Envía tu usuario, por ejemplo @tunombre, o el enlace a tu perfil.",
    "handle.invalid": "Ese no es un usuario válido de {network}. Envíalo como @tunombre o pega el enlace a tu perfil.",
    "handle.wrong_network": "Ese enlace es un perfil de {actual}, pero te pedimos tu usuario de {network}.",
    "handle.not_a_profile": "Ese enlace no es un perfil de {network}. Pega el enlace a tu página de perfil o envía @tunombre.",
  },
  fr: {
    "link.invalid_url": "Cela ne ressemble pas à un lien. Envoyez l'adresse complète de votre publication, commençant par https://",
    "link.unsupported_network": "Les liens de {host} ne sont pas pris en charge. Utilisez une publication Instagram, TikTok, YouTube, X, Facebook, Twitch ou LinkedIn.",
    "link.not_a_post": "Ce lien {network} ne mène pas à une publication précise. Ouvrez la publication elle-même et copiez son lien.",
    "handle.empty": "Envoyez votre identifiant, par exemple @votrenom, ou le lien de votre profil.",
    "handle.invalid": "Ce n'est pas un identifiant {network} valide. Envoyez-le sous la forme @votrenom ou collez le lien de votre profil.",
    "handle.wrong_network": "Ce lien est un profil {actual}, mais nous avons demandé votre identifiant {network}.",
    "handle.not_a_profile": "Ce lien n'est pas un profil {network}. Collez le lien de votre page de profil ou envoyez @votrenom.",
  },
  it: {
    "link.invalid_url": "Questo non sembra un link. Invia l'indirizzo completo del tuo post, che inizia con https://",
    "link.unsupported_network": "I link di {host} non sono supportati. Usa un post di Instagram, TikTok, YouTube, X, Facebook, Twitch o LinkedIn.",
    "link.not_a_post": "Quel link di {network} non porta a un singolo post. Apri il post e copia il suo link.",
    "handle.empty": "Invia il tuo nome utente, ad esempio @tuonome, o il link al tuo profilo.",
    "handle.invalid": "Questo non è un nome utente {network} valido. Invialo come @tuonome o incolla il link al tuo profilo.",
    "handle.wrong_network": "Quel link è un profilo {actual}, ma ti abbiamo chiesto il tuo nome utente {network}.",
    "handle.not_a_profile": "Quel link non è un profilo {network}. Incolla il link alla tua pagina profilo o invia @tuonome.",
  },
} satisfies AreaCatalog;

export default links;
