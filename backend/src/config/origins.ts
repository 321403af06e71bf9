/** An origin as FRAME_ANCESTORS takes it: http(s), host and optional port; no path, query or credentials. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      /^https?:$/.test(url.protocol) &&
      url.pathname === '/' &&
      !/\/\/.*\/./.test(value) &&
      !url.search &&
      !url.hash &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

/** "https://portal.acme.com  https://Intranet.acme.com:443/" → the origins, canonical (lowercase, no default port). */
export function parseOrigins(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((origin) => new URL(origin).origin),
    ),
  ];
}
