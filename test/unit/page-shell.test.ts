import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagePage } from '../../src/http/pages/message-page.js';
import { surveyGonePage } from '../../src/http/pages/survey-page.js';
import { trackingCss } from '../../src/http/pages/tracking-css.js';
import { baseCss } from '../../src/views/base-css.js';
import { html } from '../../src/views/html.js';
import { staffCss } from '../../src/web/staff-css.js';
import { renderStaffPage } from '../../src/web/staff-layout.js';

const head = (page: string) => /^[\s\S]*?<title>/.exec(page)![0];

describe('the page shell and the CSS base', () => {
  it('gives the company’s pages and the staff app the same document head', () => {
    const tracking = messagePage({ title: 'Länken fungerar inte', message: 'Fel länk.', depth: 0 });
    const survey = surveyGonePage();
    const staff = renderStaffPage({ title: 'Start', user: null, csrfToken: '', body: html`<h1>Start</h1>` });
    for (const page of [tracking, survey, staff]) {
      expect(page).toMatch(/^<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n<meta name="viewport"/);
      expect(page).toMatch(/<meta name="robots" content="noindex[^"]*">/);
    }
    // A personal link in the address stays on the page; staff pages rely on referrer-policy.
    expect(head(tracking)).toContain('<meta name="referrer" content="no-referrer">');
    expect(head(survey)).toContain('<meta name="referrer" content="no-referrer">');
    expect(head(staff)).not.toContain('referrer');
    expect(tracking).toContain('<a class="skip" href="#main">Till innehållet</a>');
    expect(staff).toContain('<a class="skip" href="#main">Till innehållet</a>');
  });

  it('starts both served stylesheets with the shared base, each adding only its own rules', () => {
    expect(trackingCss.startsWith(baseCss)).toBe(true);
    expect(staffCss.startsWith(baseCss)).toBe(true);
    const own = (css: string) => new Set(css.slice(baseCss.length).split('\n').filter(Boolean));
    const shared = [...own(trackingCss)].filter((rule) => own(staffCss).has(rule));
    expect(shared).toEqual([]);
  });

  it('keeps src/views pure: it imports its own files and src/domain, nothing that does I/O', () => {
    const dir = path.resolve('src/views');
    const imports = fs
      .readdirSync(dir)
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^import [^;]*? from '([^']+)'/gm)])
      .map((m) => m[1]!);
    expect(imports).toContain('./html.js');
    expect(imports.filter((i) => !/^(\.\/|\.\.\/domain\/)/.test(i))).toEqual([]);
  });
});
