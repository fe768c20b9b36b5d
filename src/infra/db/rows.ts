// The two drivers return JSON, booleans and timestamps differently; rows pass through here.

export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

export const iso = (d: Date) => d.toISOString();
