/**
 * A complaint answered again after the manager's review has no further review inside the
 * municipality; the complainant is told where to turn instead of being promised another round.
 */
export const beyondReview =
  'Är du fortfarande inte nöjd kan du vända dig till Justitieombudsmannen (JO), som granskar hur myndigheter sköter sitt arbete.';
