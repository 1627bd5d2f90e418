/** A short, readable name for a user-agent string: "Chrome 156 · Linux". Null when nothing is recognised. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browsers: [RegExp, string][] = [
    [/Edg\/(\d+)/, 'Edge'],
    [/OPR\/(\d+)/, 'Opera'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/(?:Headless)?Chrome\/(\d+)/, 'Chrome'],
    [/Version\/(\d+).*Safari\//, 'Safari'],
  ];
  const systems: [RegExp, string][] = [
    [/Windows NT/, 'Windows'],
    [/iPhone|iPad/, 'iOS'],
    [/Mac OS X/, 'macOS'],
    [/Android/, 'Android'],
    [/Linux/, 'Linux'],
  ];
  const browser = browsers.map(([pattern, name]) => ({ match: pattern.exec(userAgent), name })).find((entry) => entry.match);
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  const parts = [browser ? `${browser.name} ${browser.match?.[1] ?? ''}`.trim() : null, system ?? null].filter(Boolean);
  return parts.length ? parts.join(' · ') : userAgent.slice(0, 60);
}
