import fc from 'fast-check';
import { fuzzedValue, hostileJson, hostileString, type Components, type JsonSchema } from './schema-arbitrary.js';

export interface Operation {
  method: string;
  /** OpenAPI path, `{name}` for each path parameter. */
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: JsonSchema }>;
  bodyTypes: string[];
  jsonSchema: JsonSchema | undefined;
  formSchema: JsonSchema | undefined;
  secured: boolean;
}

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; schema?: JsonSchema }>;
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

export function operationsOf(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      return {
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        bodyTypes: Object.keys(content),
        jsonSchema: content['application/json']?.schema,
        formSchema: (content['application/x-www-form-urlencoded'] ?? content['multipart/form-data'])?.schema,
        secured: (op.security ?? []).length > 0,
      };
    }),
  );
}

/** Real ids and names a request may point at, so requests also reach the code behind the 404s. */
export type Known = Record<string, string[]>;

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** How many copies go at once: the same request racing itself. */
  copies: number;
}

// Percent-encodings that are not UTF-8, and segments that try to leave the route.
const rawSegments = ['%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '..', '%2e%2e', '%2F', '%00', 'a%20b', '%F0%9F%98%80'];

const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    // a lone surrogate: send its code units as broken UTF-8
    return [...s]
      .map((c) =>
        c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(c),
      )
      .join('');
  }
};

function pathValue(name: string, known: Known): fc.Arbitrary<string> {
  const real = known[name] ?? [];
  const arbs: fc.Arbitrary<string>[] = [
    hostileString.map((s) => encode(s.slice(0, 500))),
    fc.constantFrom(...rawSegments),
    fc.uuid(),
  ];
  if (real.length > 0)
    return fc.oneof(
      { arbitrary: fc.constantFrom(...real).map(encode), weight: 4 },
      ...arbs.map((arbitrary) => ({ arbitrary, weight: 1 })),
    );
  return fc.oneof(...arbs);
}

// A URL past Node's header limit is refused before any route runs; keep values below it.
const asQueryValue = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).slice(0, 1500);
const queryPair = (name: string, schema: JsonSchema, components: Components) =>
  fuzzedValue(schema, components).map((v): Array<[string, string]> =>
    Array.isArray(v) ? v.map((x) => [name, asQueryValue(x)]) : [[name, asQueryValue(v)]],
  );

function queryString(op: Operation, components: Components): fc.Arbitrary<string> {
  const pairs = op.query.map((q) => fc.option(queryPair(q.name, q.schema, components), { freq: 2 }));
  const extra = fc.option(
    fc
      .tuple(fc.constantFrom('q[]', 'status[x]', 'limit', 'cursor', '__proto__', 'format'), hostileString)
      .map(([k, v]): Array<[string, string]> => [[k, asQueryValue(v)]]),
    { freq: 3 },
  );
  return fc.tuple(fc.tuple(...pairs), extra).map(([chosen, more]) => {
    const all = [...chosen.flatMap((p) => p ?? []), ...(more ?? [])];
    if (all.length === 0) return '';
    return `?${all.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
  });
}

const formEncode = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return `value=${encode(String(value))}`;
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${encode(k)}=${encode(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
};

const multipart = (boundary: string, value: unknown) => {
  const fields =
    value !== null && typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>)
      : [['message', String(value)]];
  const parts = fields.map(
    ([k, v]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${typeof v === 'string' ? v : JSON.stringify(v)}\r\n`,
  );
  const file =
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="ritning.pdf"\r\nContent-Type: ` +
    `application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n`;
  return `${parts.join('')}${file}--${boundary}--\r\n`;
};

/** A body with the content type it claims, or claims falsely, or breaks on purpose. */
function bodyOf(op: Operation, components: Components): fc.Arbitrary<{ type?: string; body?: string }> {
  const json = fuzzedValue(op.jsonSchema ?? op.formSchema, components);
  const asJson = json.map((v) => ({ type: 'application/json', body: JSON.stringify(v) ?? 'null' }));
  const asForm = json.map((v) => ({ type: 'application/x-www-form-urlencoded', body: formEncode(v) }));
  const asMultipart = fc
    .tuple(json, fc.constantFrom('grans', 'x'.repeat(70), ''))
    .map(([v, b]) => ({ type: `multipart/form-data; boundary=${b}`, body: multipart(b || 'x', v) }));
  const broken = fc.constantFrom(
    { type: 'application/json', body: '{"type": ' },
    { type: 'application/json', body: '\u0000' },
    { type: 'application/json', body: '"\\ud800"' },
    { type: 'application/json; charset=latin1', body: '{}' },
    { type: 'application/json', body: '[]' },
    { type: 'application/json', body: '1e999999' },
    { type: 'text/plain', body: 'hej' },
    {
      type: 'multipart/form-data',
      body: '--x\r\nContent-Disposition: form-data; name="message"\r\n\r\nhej\r\n--x--\r\n',
    },
    { type: 'multipart/form-data; boundary=', body: 'garbage' },
    {
      type: 'multipart/form-data; boundary=abc',
      body: '--abc\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF',
    },
    { type: 'application/x-www-form-urlencoded', body: '%%%&=&a=%E0%A4%A' },
    {},
  );
  const fitting = op.bodyTypes.includes('multipart/form-data')
    ? asMultipart
    : op.bodyTypes.includes('application/x-www-form-urlencoded')
      ? asForm
      : asJson;
  return fc.oneof(
    { arbitrary: fitting, weight: 6 },
    { arbitrary: asJson, weight: 1 },
    { arbitrary: asForm, weight: 1 },
    { arbitrary: broken, weight: 2 },
  );
}

/** Every way the request may say who it is: each role's token, none, or something malformed. */
function authorization(tokens: string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...tokens).map((t) => `Bearer ${t}`), weight: 8 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        'Bearer',
        'Bearer hs_x',
        'Basic YTpi',
        'Bearer \u00e5\u00e4\u00f6',
        `Bearer ${'a'.repeat(5000)}`,
      ),
      weight: 1,
    },
  );
}

export function requestsFor(
  op: Operation,
  components: Components,
  known: Known,
  tokens: string[],
): fc.Arbitrary<FuzzRequest> {
  const path = fc
    .tuple(...op.pathParams.map((name) => pathValue(name, known)))
    .map((values) => op.pathParams.reduce((p, name, i) => p.replace(`{${name}}`, values[i]!), op.path));
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  return fc
    .record({
      path,
      query: queryString(op, components),
      body: hasBody ? bodyOf(op, components) : fc.constant<{ type?: string; body?: string }>({}),
      auth: op.secured ? authorization(tokens) : fc.option(authorization(tokens), { freq: 4 }),
      accept: fc.constantFrom('application/json', 'text/html', '*/*', undefined),
      copies: fc.constantFrom(1, 1, 1, 1, 2, 8),
    })
    .map(({ path: p, query, body, auth, accept, copies }) => {
      const headers: Record<string, string> = {};
      if (auth) headers.authorization = auth;
      if (accept) headers.accept = accept;
      if (body.type) headers['content-type'] = body.type;
      return { method: op.method, url: `${p}${query}`, headers, body: body.body, copies };
    });
}

export { hostileJson };
