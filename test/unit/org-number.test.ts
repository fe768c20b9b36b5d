import { describe, expect, it } from 'vitest';
import { parseCompanyId } from '../../src/domain/org-number.js';

describe('organisation numbers and sole traders', () => {
  it.each([
    ['556036-0793', '556036-0793'],
    ['5560360793', '556036-0793'],
    ['16556036-0793', '556036-0793'],
    ['165560360793', '556036-0793'],
    [' 212000-0142 ', '212000-0142'],
  ])('accepts %s as the organisation %s', (input, value) => {
    expect(parseCompanyId(input)).toEqual({ kind: 'organisation', value, masked: value });
  });

  it.each([
    ['556036-0794', 'wrong check digit'],
    ['5510360793', 'third digit below 2 and not a personnummer'],
    ['55603607', 'too short'],
    ['abcdefghij', 'not digits'],
    ['', 'empty'],
    ['SE556036079301', 'a VAT number is not an organisation number'],
  ])('refuses %s (%s)', (input) => {
    expect(parseCompanyId(input)).toBeNull();
  });

  it.each([
    ['19121212-1212', '19121212-1212'],
    ['191212121212', '19121212-1212'],
    ['121212+1212', '19121212-1212'],
    ['20121212-1212', '20121212-1212'],
  ])("accepts the sole trader's personnummer %s, stored as %s and masked", (input, value) => {
    expect(parseCompanyId(input)).toEqual({ kind: 'sole_trader', value, masked: `${value.slice(0, 8)}-****` });
  });

  it('accepts a samordningsnummer (day + 60)', () => {
    expect(parseCompanyId('701063-2391')?.kind).toBe('sole_trader');
  });
});
