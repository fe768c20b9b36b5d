import type { z } from 'zod';
import { parseInput } from '../application/parse-input.js';

/** Parses request input or throws a 400 naming every bad field under `where` (body, query, params). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  return parseInput(schema, value, where === 'body' ? '' : where);
}
