/** The secret of a mailed link travels in the URL fragment (never sent to a server, never in a Referer). */
export function tokenFromHash(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
}
