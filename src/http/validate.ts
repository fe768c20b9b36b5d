import type { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { zodFieldErrors } from '../application/zod-errors.js';

/** Parses request input or throws a 400 naming every bad field under `where` (body, query, params). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const prefix = where === 'body' ? '' : where;
  throw new AppError('invalid_input', 'Begäran innehåller ogiltiga uppgifter.', zodFieldErrors(result.error, prefix));
}
