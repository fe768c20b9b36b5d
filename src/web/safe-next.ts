const BASE = 'http://handslag.invalid';

/**
 * A string a browser can only read as a path on this site: one leading slash, then nothing a
 * browser would take for another host ("//host", "/\host") and no control characters, which
 * browsers drop before parsing.
 */
const isLocalPath = (s: string) => s.startsWith('/') && !/^\/[/\\]/.test(s) && !/[\u0000-\u001f\u007f\\]/.test(s);

/**
 * Where to go after login: only a path on this site. Anything that could leave it — an absolute
 * URL, "//host", "/\host", a scheme, control characters — becomes the start page, and the login
 * and logout pages themselves are not a destination. The check is made both on what was given
 * and on the normalised path that is sent back, since normalising ("/.//host", "/%2e%2e//host")
 * can turn a harmless path into "//host".
 */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000 || !isLocalPath(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  if (url.pathname === '/login' || url.pathname.startsWith('/login/') || url.pathname === '/logout') return '/';
  const next = `${url.pathname}${url.search}`;
  // What is sent must itself be a local path that reads back as the same path.
  if (!isLocalPath(next)) return '/';
  const again = new URL(next, BASE);
  if (again.origin !== BASE || `${again.pathname}${again.search}` !== next) return '/';
  return next;
}
