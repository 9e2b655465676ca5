// The closest known sub-command to a mistyped one (pure): Levenshtein distance over the words a
// manager typed, accepted only when it is near enough to be a typo rather than another command.

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * `typed`: the sub-command words ("missoin list"); `known`: usages whose leading words are the
 * sub-command ("mission list", "review"). Compares with as many words as each candidate has.
 */
export function closestSubcommand(typed: string[], known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of new Set(known)) {
    const words = name.split(" ").length;
    const input = typed.slice(0, words).join(" ").toLowerCase();
    if (!input) continue;
    const distance = editDistance(input, name);
    // near enough to be a typo: up to a third of the name's length, at least one edit ("reveiw" → "review")
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
