import type { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { zodFieldErrors } from './zod-errors.js';

/**
 * Parses input or throws a 400 naming every bad field, `prefix` before each path. Use cases whose
 * rule on who may act needs the case or table take their input unparsed and call this once they
 * have answered 404 and 403, so a caller who may not act learns nothing from a 400.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('invalid_input', 'Begäran innehåller ogiltiga uppgifter.', zodFieldErrors(result.error, prefix));
}
