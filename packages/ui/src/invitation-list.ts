/** The most addresses one invitation send takes (the API's limit too). */
export const INVITATIONS_PER_SEND = 100;

/**
 * What a person pasted as a list of addresses, entry by entry, in order,
 * once each: an address (from `Name <address>` too), or whatever was typed
 * where one was expected, so the answer can say it is not one rather than
 * drop it silently.
 */
export function pastedEntries(text: string): string[] {
  const entries = text
    .split(/[\r\n,;]+/)
    .flatMap((piece) => {
      const named = piece.match(/<([^<>\s]+)>/);
      if (named?.[1]) return [named[1]];
      return piece.trim().replace(/^"|"$/g, '').split(/\s+/);
    })
    .map((entry) => entry.trim())
    .filter(Boolean);
  return [...new Set(entries)];
}

/** The addresses in a CSV file: its other columns (names, positions, a header) are not entries. */
export function addressesInCsv(text: string): string[] {
  return [...new Set(text.match(/[^\s,;<>"']+@[^\s,;<>"']+/g) ?? [])];
}
