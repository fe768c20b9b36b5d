import { z } from 'zod';

// PostgreSQL refuses NUL in text and jsonb; refusing it at the edge keeps both databases alike
// and turns a would-be 500 into a 400 naming the field.
const noNul = /^[^\u0000]*$/;

/** Trimmed, non-empty free text of at most `max` characters. */
export const plainText = (max: number) => z.string().trim().min(1).max(max).regex(noNul, 'Texten innehåller ett otillåtet tecken.');

/** Like plainText but may be empty. */
export const optionalText = (max: number) => z.string().trim().max(max).regex(noNul, 'Texten innehåller ett otillåtet tecken.');
