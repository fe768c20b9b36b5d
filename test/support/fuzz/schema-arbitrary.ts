import fc from 'fast-check';

/** The slice of JSON Schema (OpenAPI 3.1) that the API's zod schemas produce. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export type Components = Record<string, JsonSchema>;

/** Any UTF-16 code unit, so lone surrogates and control characters come up as well. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/**
 * Text that has broken servers before: lone surrogates, NUL, bidi overrides, zero-width
 * characters, over-long text at and past the usual limits, dates that do not exist, SQL and
 * path tricks, numbers that overflow.
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('x\ud800y', '\udc00', 'Bygglov \u202eAB', 'a\u2067b', 'noll\u200bbredd'), weight: 2 },
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    'x\ud800y',
    '\udfff',
    '\ud83d',
    'a\u0000b',
    '\u202eslutet\u202c',
    '\u2066x\u2069',
    'a\u200bb',
    '\ufeff',
    "'; drop table cases; --",
    '../../etc/passwd',
    '%00',
    '%',
    '<script>alert(1)</script>',
    '2026-02-30',
    '2026-13-45T25:61:00Z',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '275760-09-13T00:00:01Z',
    '2026-11-20T09:00:00+01:00',
    '-1',
    '1e309',
    'NaN',
    'null',
    '556036-0793',
    '5560360793',
    '19121212-1212',
    'HS-2026-000001',
    '😀'.repeat(70),
    'ÅÄÖ åäö',
    '__proto__',
    'constructor',
  ),
  fc.integer({ min: 1, max: 40 }).map((n) => 'ö'.repeat(n * 1000)),
  fc.constantFrom(301, 4_001, 20_001, 200_001).map((n) => 'x'.repeat(n)),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc.string({ maxLength: 60 }),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, with the hostile strings and numbers among the leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(hostileString, fc.constantFrom('type', 'expectedVersion', 'id', '__proto__')),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

const resolve = (schema: JsonSchema, components: Components): JsonSchema => {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = components[name];
  if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
  return resolve(target, components);
};

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 80, 80);
  switch (schema.format) {
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid();
  }
  if (schema.pattern) {
    try {
      const re = new RegExp(schema.pattern, 'u');
      return fc.stringMatching(re).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
    } catch {
      // a pattern fast-check cannot generate from: plain text below
    }
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : -1000);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : 1000);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

/** A value that the schema describes: what a well-behaved client would send. */
export function validValue(schema: JsonSchema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validValue(a, components, depth + 1)));
  if (s.allOf)
    return validValue(Object.assign({}, ...s.allOf.map((a) => resolve(a, components))), components, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return numberFor(s, true);
    case 'number':
      return numberFor(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth > 6) return fc.constant([]);
      return fc.array(s.items ? validValue(s.items, components, depth + 1) : hostileJson, {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object': {
      if (depth > 6) return fc.constant({});
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(props)) record[key] = validValue(value, components, depth + 1);
      return fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    default:
      return hostileJson;
  }
}

/** Replaces one leaf, or drops one key, somewhere inside a value. */
function mutate(value: unknown, picks: number[], replacement: unknown, drop: boolean): unknown {
  if (picks.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [pick, ...rest] = picks as [number, ...number[]];
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const i = pick % value.length;
    return value.map((v, j) => (j === i ? mutate(v, rest, replacement, drop) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { extra: replacement };
  const key = keys[pick % keys.length]!;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (drop && rest.length === 0) delete copy[key];
  else copy[key] = mutate(copy[key], rest, replacement, drop);
  return copy;
}

/** Mostly well-formed values with one part broken, some entirely valid, some anything at all. */
export function fuzzedValue(schema: JsonSchema | undefined, components: Components): fc.Arbitrary<unknown> {
  if (!schema) return hostileJson;
  const valid = validValue(schema, components);
  const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });
  const broken = fc
    .tuple(valid, picks, hostileJson, fc.boolean())
    .map(([v, p, replacement, drop]) => mutate(v, p, replacement, drop));
  // Text is where most input goes: a well-formed body with one string made hostile.
  const hostileText = fc
    .tuple(valid, picks, hostileString)
    .map(([v, p, replacement]) => mutate(v, p, replacement, false));
  return fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: broken, weight: 3 },
    { arbitrary: hostileText, weight: 3 },
    { arbitrary: hostileJson, weight: 1 },
  );
}

/** Text that must be refused (or kept) cleanly wherever text goes. */
export const poisons = ['x\ud800y', '\udc00', 'Bygglov \u202eBA nelloK', 'a\u0000b', 'ö'.repeat(25_001)];

/** Every path to a string inside a value, so each can be poisoned in turn. */
export function stringPaths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

export function replaceAt(value: unknown, at: Array<string | number>, replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const [head, ...rest] = at as [string | number, ...Array<string | number>];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replaceAt(record[head], rest, replacement) };
}
