/**
 * Where to go after login: only a path on this site. Anything that could leave it — an absolute
 * URL, "//host", "/\host", a scheme, control characters — becomes the start page, and the login
 * and logout pages themselves are not a destination.
 */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || /[\u0000-\u001f\u007f\\]/.test(raw)) return '/';
  const base = 'http://handslag.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  if (url.pathname === '/login' || url.pathname.startsWith('/login/') || url.pathname === '/logout') return '/';
  return `${url.pathname}${url.search}`;
}
