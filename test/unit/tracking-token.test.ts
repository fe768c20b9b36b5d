import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formToken,
  formTokenMatches,
  issueTrackingToken,
  readTrackingToken,
  tokenMatches,
  trackingMac,
} from '../../src/domain/tracking-token.js';
import { checkComplementFile, cleanFileName } from '../../src/domain/complement-files.js';

const secret = Buffer.from('a test secret that is long enough for HMAC', 'utf8');

describe('tracking tokens', () => {
  const caseId = randomUUID();

  it('are 48 base64url characters carrying the case id and 160 bits of MAC', () => {
    const token = issueTrackingToken(secret, caseId, 1);
    expect(token).toMatch(/^[A-Za-z0-9_-]{48}$/);
    const read = readTrackingToken(token);
    expect(read).toMatchObject({ caseId, wellFormed: true });
    expect(read.mac.equals(trackingMac(secret, caseId, 1))).toBe(true);
    expect(read.mac).toHaveLength(20);
  });

  it('change with the generation and the secret', () => {
    const first = issueTrackingToken(secret, caseId, 1);
    expect(issueTrackingToken(secret, caseId, 2)).not.toBe(first);
    expect(issueTrackingToken(Buffer.from('another secret of enough length for this test'), caseId, 1)).not.toBe(first);
    expect(issueTrackingToken(secret, caseId, 1)).toBe(first);
  });

  it('compute exactly one MAC whatever is wrong with a token, and match only the live one', () => {
    let computed = 0;
    const mac = (id: string, generation: number) => {
      computed++;
      return trackingMac(secret, id, generation);
    };
    const live = issueTrackingToken(secret, caseId, 3);
    const cases: [string, string, number | undefined, boolean][] = [
      ['live', live, 3, true],
      ['revoked (an older generation)', issueTrackingToken(secret, caseId, 2), 3, false],
      ['wrong MAC', live.slice(0, -2) + (live.endsWith('AA') ? 'BB' : 'AA'), 3, false],
      ['unknown case', issueTrackingToken(secret, randomUUID(), 1), undefined, false],
      ['malformed', 'kort', undefined, false],
      [
        'malformed with a forged MAC of the all-zero id',
        Buffer.alloc(36).toString('base64url').slice(0, 47),
        undefined,
        false,
      ],
    ];
    for (const [what, token, found, expected] of cases) {
      computed = 0;
      expect(tokenMatches(mac, readTrackingToken(token), found), what).toBe(expected);
      expect(computed, what).toBe(1);
    }
  });

  it('give forms a token bound to the case, its generation and the form', () => {
    const t = formToken(secret, caseId, 1, 'complement');
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(formToken(secret, caseId, 1, 'complement')).not.toBe(t);
    expect(formTokenMatches(secret, caseId, 1, 'complement', t)).toBe(true);
    expect(formTokenMatches(secret, caseId, 2, 'complement', t)).toBe(false);
    expect(formTokenMatches(secret, caseId, 1, 'complaint', t)).toBe(false);
    expect(formTokenMatches(secret, randomUUID(), 1, 'complement', t)).toBe(false);
    for (const given of [undefined, '', 'x', 42, `${t}x`])
      expect(formTokenMatches(secret, caseId, 1, 'complement', given)).toBe(false);
  });

  it('have one spelling only: no standard base64, padding or other unused bits', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // A case id whose token has both - and _ in it, so the standard spelling differs.
    let id = caseId;
    while (!/-.*_|_.*-/.test(issueTrackingToken(secret, id, 1))) id = randomUUID();
    const token = issueTrackingToken(secret, id, 1);
    expect(readTrackingToken(token)).toMatchObject({ caseId: id, wellFormed: true });
    for (const other of [
      token.replaceAll('-', '+').replaceAll('_', '/'),
      token.replaceAll('-', '+'),
      token.replaceAll('_', '/'),
      `${token}=`,
    ]) {
      expect(readTrackingToken(other).wellFormed, other).toBe(false);
    }
    const t = formToken(secret, caseId, 1, 'complement');
    // 32 bytes fill 42 characters and four bits of the 43rd; its two low bits are unused.
    for (let bit = 1; bit < 4; bit <<= 1) {
      const sameBytes = `${t.slice(0, -1)}${alphabet[alphabet.indexOf(t.at(-1)!) ^ bit]}`;
      expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(t, 'base64url'))).toBe(true);
      expect(formTokenMatches(secret, caseId, 1, 'complement', sameBytes)).toBe(false);
    }
    expect(formTokenMatches(secret, caseId, 1, 'complement', `${t}==`)).toBe(false);
  });
});

describe('complement files', () => {
  const zipWith = (entry: string) =>
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entry, 'latin1')]);

  it('take what the content proves and refuse the rest, in Swedish', () => {
    expect(checkComplementFile('a.pdf', Buffer.from('%PDF-1.7 …'))).toEqual({ ok: true, mediaType: 'application/pdf' });
    expect(checkComplementFile('foto.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({
      ok: true,
      mediaType: 'image/jpeg',
    });
    expect(
      checkComplementFile('ritning.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toEqual({ ok: true, mediaType: 'image/png' });
    expect(checkComplementFile('brev.docx', zipWith('word/document.xml')).ok).toBe(true);
    expect(checkComplementFile('kalkyl.xlsx', zipWith('xl/workbook.xml')).ok).toBe(true);
    expect(checkComplementFile('kalkyl.xlsx', zipWith('word/document.xml'))).toEqual({
      ok: false,
      message: 'Filen "kalkyl.xlsx" är inte en riktig Excel (xlsx)-fil. Kontrollera filen och försök igen.',
    });
    expect(checkComplementFile('noter.txt', Buffer.from('Åtgärder:\n– byta fönster\r\n', 'utf8')).ok).toBe(true);
    expect(checkComplementFile('noter.txt', Buffer.from([0x41, 0x00, 0x42])).ok).toBe(false);
    expect(checkComplementFile('noter.txt', Buffer.from([0xc3, 0x28])).ok).toBe(false);
    expect(checkComplementFile('tom.pdf', Buffer.alloc(0))).toEqual({ ok: false, message: 'Filen "tom.pdf" är tom.' });
    expect(checkComplementFile('skript.html', Buffer.from('<script>')).ok).toBe(false);
    expect(checkComplementFile('utan-filändelse', Buffer.from('%PDF-')).ok).toBe(false);
  });

  it('keep a clean name without paths or control characters', () => {
    expect(cleanFileName('C:\\Users\\anna\\Ritning Åby.pdf')).toBe('Ritning Åby.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u001f.pdf')).toBe('ab.pdf');
    expect(cleanFileName('   ')).toBe('fil');
    const long = cleanFileName(`${'x'.repeat(400)}.pdf`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
