import { describe, expect, it } from 'vitest';
import {
  approxNki,
  factorPoints,
  factorScore,
  NKI_MIN_ANSWERS,
  nkiBand,
  nkiPoints,
  respondentNki,
  summariseNki,
  type SurveyAnswerScores,
} from '../../src/domain/nki.js';

const answer = (
  overall: number,
  expectations: number,
  ideal: number,
  factors: SurveyAnswerScores['factors'] = {},
): SurveyAnswerScores => ({ overall, expectations, ideal, factors });

// The worked example of docs/survey.md: seven answers about bygglov cases closed in one month.
const example: SurveyAnswerScores[] = [
  answer(8, 7, 7, { bemotande: 5, effektivitet: 4 }),
  answer(9, 8, 8, { bemotande: 6, effektivitet: 5 }),
  answer(6, 5, 5, { bemotande: 4, effektivitet: 3 }),
  answer(10, 9, 9, { bemotande: 6, effektivitet: 6 }),
  answer(7, 7, 6, { bemotande: 5, effektivitet: 4 }),
  answer(8, 8, 7, { bemotande: 5, effektivitet: null }),
  answer(5, 4, 4, { bemotande: 3, effektivitet: 2 }),
];

describe('approximate NKI (Insikt): scales, rounding and bands', () => {
  it('turns a 1–10 answer into 0–100 as (x − 1) / 9 · 100', () => {
    expect(nkiPoints(1)).toBe(0);
    expect(nkiPoints(10)).toBe(100);
    expect(nkiPoints(8)).toBeCloseTo(77.7778, 4);
  });

  it('turns a 1–6 factor answer into 0–100 as (x − 1) / 5 · 100', () => {
    expect(factorPoints(1)).toBe(0);
    expect(factorPoints(4)).toBe(60);
    expect(factorPoints(6)).toBe(100);
  });

  it('gives one respondent the mean of the three converted answers', () => {
    // (77.78 + 66.67 + 55.56) / 3
    expect(respondentNki({ overall: 8, expectations: 7, ideal: 6 })).toBeCloseTo(66.6667, 4);
  });

  it('averages respondents and reports an integer', () => {
    expect(approxNki([answer(8, 7, 6)])).toBe(67);
    // (66.67 + 96.30) / 2 = 81.48
    expect(approxNki([answer(8, 7, 6), answer(10, 9, 10)])).toBe(81);
    expect(approxNki([])).toBeNull();
  });

  it('rounds exactly half up: 12.5 is 13', () => {
    // Seven respondents at 0 and one at 100: 100 / 8 = 12.5.
    const answers = [...Array.from({ length: 7 }, () => answer(1, 1, 1)), answer(10, 10, 10)];
    expect(approxNki(answers)).toBe(13);
    expect(factorScore([1, 1, 1, 1, 1, 1, 1, 2])).toBe(3); // 20 / 8 = 2.5
  });

  it('scores a factor over those who answered it, "vet ej" left out', () => {
    expect(factorScore([4, null, 6])).toBe(80); // (60 + 100) / 2
    expect(factorScore([null, null])).toBeNull();
  });

  it('refuses an answer outside its scale', () => {
    expect(() => approxNki([answer(0, 5, 5)])).toThrow(RangeError);
    expect(() => approxNki([answer(5, 11, 5)])).toThrow(RangeError);
    expect(() => factorScore([7])).toThrow(RangeError);
    expect(() => factorScore([2.5])).toThrow(RangeError);
  });

  it.each([
    [100, 'mycket_hogt'],
    [81, 'mycket_hogt'],
    [80, 'hogt'],
    [70, 'hogt'],
    [69, 'godkant'],
    [62, 'godkant'],
    [61, 'lagt'],
    [50, 'lagt'],
    [49, 'mycket_lagt'],
    [0, 'mycket_lagt'],
  ] as const)('puts %i in the band %s', (score, band) => {
    expect(nkiBand(score)).toBe(band);
  });

  it('computes the worked example of the documentation', () => {
    // Σ(o + e + i − 3) = 19 + 22 + 13 + 25 + 17 + 20 + 10 = 126; 100 · 126 / (27 · 7) = 66.67
    expect(summariseNki(example)).toEqual({
      answers: 7,
      shown: true,
      comparable: false,
      nki: 67,
      band: 'godkant',
      // Bemötande: Σ(x − 1) = 27 over 7 answers, 20 · 27 / 7 = 77.14. Effektivitet has six answers only.
      factors: {
        information: null,
        tillganglighet: null,
        bemotande: 77,
        kompetens: null,
        rattssakerhet: null,
        effektivitet: null,
      },
    });
  });

  it(`shows nothing below ${NKI_MIN_ANSWERS} answers and allows comparison from 10`, () => {
    expect(summariseNki(example.slice(0, 6))).toMatchObject({
      answers: 6,
      shown: false,
      comparable: false,
      nki: null,
      band: null,
    });
    const ten = [...example, answer(8, 8, 8), answer(8, 8, 8), answer(8, 8, 8)];
    // Σ = 126 + 3 · 21 = 189; 100 · 189 / 270 = 70
    expect(summariseNki(ten)).toMatchObject({ answers: 10, shown: true, comparable: true, nki: 70, band: 'hogt' });
  });
});
