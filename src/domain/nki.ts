// Approximate NKI (Nöjd-Kund-Index) as SKR's Insikt reports it: three questions on a 1–10
// scale turned into 0–100, and six service factors on a 1–6 scale turned into 0–100. Insikt's
// own weights are not public, so the figure is an equal-weight mean and is called "approx. NKI".
//
// Figures are reported as integers, rounded half up, like Insikt's published tables. The sums
// stay integers until the single final division, so 12.5 rounds to 13 and never to 12 because
// of a binary fraction.

export interface NkiAnswer {
  overall: number;
  expectations: number;
  ideal: number;
}

export const serviceFactors = [
  'information',
  'tillganglighet',
  'bemotande',
  'kompetens',
  'rattssakerhet',
  'effektivitet',
] as const;
export type ServiceFactor = (typeof serviceFactors)[number];

export const serviceFactorLabels: Record<ServiceFactor, string> = {
  information: 'Information',
  tillganglighet: 'Tillgänglighet',
  bemotande: 'Bemötande',
  kompetens: 'Kompetens',
  rattssakerhet: 'Rättssäkerhet',
  effektivitet: 'Effektivitet',
};

/** Insikt shows a result only from this many answers per area. */
export const NKI_MIN_ANSWERS = 7;
/** Comparisons (between areas, periods or municipalities) need this many. */
export const NKI_MIN_ANSWERS_FOR_COMPARISON = 10;

export const NKI_SCALE = { min: 1, max: 10 } as const;
export const FACTOR_SCALE = { min: 1, max: 6 } as const;

/** One NKI answer on the 0–100 scale, unrounded: (x − 1) / 9 · 100. */
export const nkiPoints = (x: number): number => ((x - 1) / 9) * 100;
/** One factor answer on the 0–100 scale, unrounded: (x − 1) / 5 · 100. */
export const factorPoints = (x: number): number => ((x - 1) / 5) * 100;

/** `numerator / denominator` rounded half up, both non-negative integers. */
function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

function checkScale(x: number, scale: { min: number; max: number }, what: string): void {
  if (!Number.isInteger(x) || x < scale.min || x > scale.max)
    throw new RangeError(`${what} must be an integer ${scale.min}–${scale.max}, got ${x}`);
}

/** One respondent's NKI, unrounded: the mean of the three answers on 0–100. */
export function respondentNki(a: NkiAnswer): number {
  for (const x of [a.overall, a.expectations, a.ideal]) checkScale(x, NKI_SCALE, 'an NKI answer');
  return (nkiPoints(a.overall) + nkiPoints(a.expectations) + nkiPoints(a.ideal)) / 3;
}

/**
 * Approx. NKI over respondents, as an integer rounded half up; null without answers.
 * Mean over respondents of the mean of their three answers: 100 · Σ(o + e + i − 3) / (27 · n).
 */
export function approxNki(answers: readonly NkiAnswer[]): number | null {
  if (answers.length === 0) return null;
  let sum = 0;
  for (const a of answers) {
    for (const x of [a.overall, a.expectations, a.ideal]) checkScale(x, NKI_SCALE, 'an NKI answer');
    sum += a.overall + a.expectations + a.ideal - 3;
  }
  return roundHalfUp(100 * sum, 27 * answers.length);
}

/** A factor's score over those who answered it (null = skipped), as an integer rounded half up. */
export function factorScore(values: readonly (number | null)[]): number | null {
  const given = values.filter((v): v is number => v !== null);
  if (given.length === 0) return null;
  let sum = 0;
  for (const x of given) {
    checkScale(x, FACTOR_SCALE, 'a factor answer');
    sum += x - 1;
  }
  return roundHalfUp(100 * sum, 5 * given.length);
}

export type NkiBand = 'mycket_hogt' | 'hogt' | 'godkant' | 'lagt' | 'mycket_lagt';

export const nkiBandLabels: Record<NkiBand, string> = {
  mycket_hogt: 'Mycket högt',
  hogt: 'Högt',
  godkant: 'Godkänt',
  lagt: 'Lågt',
  mycket_lagt: 'Mycket lågt',
};

/** Insikt's bands for a rounded figure: > 80, 70–80, 62–69, 50–61, < 50. */
export function nkiBand(score: number): NkiBand {
  if (score > 80) return 'mycket_hogt';
  if (score >= 70) return 'hogt';
  if (score >= 62) return 'godkant';
  if (score >= 50) return 'lagt';
  return 'mycket_lagt';
}

export interface SurveyAnswerScores extends NkiAnswer {
  factors: Partial<Record<ServiceFactor, number | null>>;
}

export interface NkiSummary {
  answers: number;
  /** False below NKI_MIN_ANSWERS: then no figure is given at all. A factor needs as many answers of its own. */
  shown: boolean;
  /** Whether the figure may be set beside another one (NKI_MIN_ANSWERS_FOR_COMPARISON). */
  comparable: boolean;
  nki: number | null;
  band: NkiBand | null;
  factors: Record<ServiceFactor, number | null>;
}

/** What may be reported for one group of answers (an area, a unit, a month). */
export function summariseNki(answers: readonly SurveyAnswerScores[]): NkiSummary {
  const shown = answers.length >= NKI_MIN_ANSWERS;
  const nki = shown ? approxNki(answers) : null;
  // A factor may be skipped ("vet ej"), so each factor needs enough answers of its own.
  const factors = Object.fromEntries(
    serviceFactors.map((f) => {
      const values = answers.map((a) => a.factors[f] ?? null);
      return [f, values.filter((v) => v !== null).length >= NKI_MIN_ANSWERS ? factorScore(values) : null];
    }),
  ) as Record<ServiceFactor, number | null>;
  return {
    answers: answers.length,
    shown,
    comparable: answers.length >= NKI_MIN_ANSWERS_FOR_COMPARISON,
    nki,
    band: nki === null ? null : nkiBand(nki),
    factors,
  };
}
