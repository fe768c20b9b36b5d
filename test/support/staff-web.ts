import { randomUUID } from 'node:crypto';
import { createUser } from '../../src/application/create-user.js';
import type { Role } from '../../src/domain/roles.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/** The lowest scrypt cost the config allows, so the many logins of the tests stay quick. */
export const FAST_HASH_ENV = { PASSWORD_SCRYPT_LOG2N: '14' };
export const PASSWORD = 'korrekt häst batteri häftklammer';

export async function startStaffApp(options: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp({ ...options, env: { ...FAST_HASH_ENV, ...(options.env ?? {}) } });
}

export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  password: string;
}

export async function staffAccount(
  app: TestApp,
  role: Role,
  opts: { unit?: string; name?: string; password?: string } = {},
): Promise<StaffAccount> {
  const n = randomUUID().slice(0, 8);
  const name = opts.name ?? `${role} ${n}`;
  const email = `${role}.${n}@kommun.example`;
  const password = opts.password ?? PASSWORD;
  const { id } = await createUser(
    app.ctx.db,
    app.clock,
    { name, email, role, password, ...(opts.unit ? { unit: opts.unit } : {}) },
    { scryptLog2N: 14 },
  );
  return { id, email, name, password };
}

export interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
  setCookies: string[];
}

/**
 * A browser in miniature: keeps cookies, never follows redirects (tests look at each one), and
 * remembers the form token of the last page it read.
 */
export class StaffBrowser {
  cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private readonly app: TestApp,
    private readonly defaults: Record<string, string> = {},
  ) {}

  async request(
    method: string,
    path: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const h: Record<string, string> = { accept: 'text/html', ...this.defaults, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (form) {
      h['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(`${this.app.url}${path}`, { method, headers: h, body, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location'), setCookies };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  /** A form post carrying the current form token unless the fields say otherwise. */
  post(path: string, fields: Record<string, string> = {}, headers?: Record<string, string>) {
    return this.request('POST', path, { _csrf: this.csrf, ...fields }, headers);
  }

  async login(email: string, password: string, next = '/'): Promise<PageResponse> {
    await this.get(`/login?next=${encodeURIComponent(next)}`);
    return this.post('/login', { email, password, next });
  }
}

/** Removes the sessions a test app left in Redis (their keys would expire by themselves, later). */
export async function dropSessions(app: TestApp): Promise<void> {
  const keys = await app.ctx.redis.keys(`${app.ctx.config.REDIS_PREFIX}:sess:*`);
  if (keys.length) await app.ctx.redis.del(...keys);
}

export const sessionKeyOf = (app: TestApp, browser: StaffBrowser) => {
  const raw = decodeURIComponent(browser.cookies.get('handslag.sid') ?? '');
  // express-session signs the cookie as "s:<id>.<signature>".
  const id = /^s:([^.]+)\./.exec(raw)?.[1];
  return id ? `${app.ctx.config.REDIS_PREFIX}:sess:${id}` : '';
};
