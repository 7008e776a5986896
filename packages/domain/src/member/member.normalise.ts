/**
 * Normalising the free-text parts of a member: names, tags and issues.
 *
 * Owns: how names and label lists are cleaned before storage.
 * Must never: change the meaning of what was typed (no title-casing "McDonald" or "de Souza":
 * people spell their own names).
 */

const ANY_SPACE = /[\s\u00a0\u202f\u200b\ufeff]+/g;

/** Trim and collapse runs of whitespace (including non-breaking spaces) to one space. */
export function normaliseName(raw: string): string {
  return typeof raw === 'string' ? raw.replace(ANY_SPACE, ' ').trim() : '';
}

/**
 * Clean a list of tags or issues: trim, collapse spaces, drop empties, and drop case-insensitive
 * duplicates keeping the first spelling ("Pay", "pay " → "Pay"), in the order given.
 */
export function normaliseTagList(raw: readonly string[] | null | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of raw ?? []) {
    const tag = normaliseName(item);
    if (tag === '') continue;
    const key = tag.toLocaleLowerCase('en-GB');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}
