import { describe, expect, it } from 'vitest';
import { scrubPii, scrubUrl } from '../../src/domain/pii.js';

describe('scrubbing personal data from log text', () => {
  it('removes personnummer in every common form', () => {
    for (const pnr of ['19121212-1212', '121212-1212', '121212+1212', '191212121212', '1212121212']) {
      expect(scrubPii(`id ${pnr} end`)).toBe('id [id] end');
    }
  });

  it('removes e-mail addresses and phone numbers', () => {
    expect(scrubPii('mail anna.svensson@example.se now')).toBe('mail [e-post] now');
    expect(scrubPii('ring +46 70 123 45 67 eller 070-123 45 67')).toBe('ring [telefon] eller [telefon]');
  });

  it('decodes URLs before scrubbing', () => {
    expect(scrubUrl('/api/cases?q=anna%40example.se')).toBe('/api/cases?q=[e-post]');
    expect(scrubUrl('/api/cases?q=19121212%2D1212')).toBe('/api/cases?q=[id]');
  });

  it('leaves case references and ordinary paths readable', () => {
    expect(scrubPii('/api/cases/HS-2026-000123/events')).toBe('/api/cases/HS-2026-000123/events');
    expect(scrubUrl('/api/cases/4f0c2f7e-3b8a-4a53-9e55-0f6f5e9d2a10')).toBe(
      '/api/cases/4f0c2f7e-3b8a-4a53-9e55-0f6f5e9d2a10',
    );
  });
});
