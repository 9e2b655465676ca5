// Network names as the brands spell them, for everything shown to a person. Ids stay lowercase.
const NAMES: Record<string, string> = {
  instagram: "Instagram",
  tiktok: "TikTok",
  youtube: "YouTube",
  x: "X",
  twitter: "X",
  facebook: "Facebook",
  twitch: "Twitch",
  linkedin: "LinkedIn",
};

export function networkName(id: string): string {
  return NAMES[id.toLowerCase()] ?? id;
}
