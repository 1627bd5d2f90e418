/**
 * Characters no name, message or identifier may hold: C0 and C1 controls
 * (NUL among them, which PostgreSQL refuses), and the invisible and
 * bidirectional formatting marks that make look-alikes and reversed text
 * (Unicode TR #36 §2, "Trojan Source", CVE-2021-42574).
 */
const CONTROL = /\p{Cc}/u;
const LINE_BREAKS_AND_TABS = /[\n\r\t]/g;
/** Zero-width, invisible and bidirectional formatting characters (Unicode's Default_Ignorable_Code_Point covers them all). */
const INVISIBLE_OR_BIDI = /\p{Default_Ignorable_Code_Point}/u;

/** Whether a one-line text (a name, an address, a search) holds a character it must not. */
export function hasForbiddenCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return CONTROL.test(options.multiline ? text.replace(LINE_BREAKS_AND_TABS, '') : text) || INVISIBLE_OR_BIDI.test(text);
}

/** Text from elsewhere (a social provider's display name) made safe to store and show: forbidden characters dropped, runs of space folded. */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(/\p{Cc}|\p{Default_Ignorable_Code_Point}/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** A cell as a spreadsheet reads it safely: quoted, and never taken for a formula (a name starting with "=" stays text). */
export function csvCell(value: string | null | undefined): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}
