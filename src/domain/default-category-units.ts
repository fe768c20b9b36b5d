import type { UnitCode } from './units.js';

// Which units a case of each category usually brings to the table. A restaurant needs
// serveringstillstånd, livsmedel, bygglov and räddningstjänst at once: that is the point of
// a "dukat bord". Admins change this in the register; this only seeds a fresh installation.
export const defaultCategoryUnits: Record<string, UnitCode[]> = {
  bygglov: ['bygglov', 'raddningstjanst', 'mark-exploatering'],
  anmalan: ['bygglov'],
  forhandsbesked: ['bygglov', 'mark-exploatering'],
  livsmedel: ['livsmedel', 'miljo-halsoskydd'],
  'miljo-halsoskydd': ['miljo-halsoskydd', 'bygglov'],
  serveringstillstand: ['serveringstillstand', 'livsmedel', 'bygglov', 'raddningstjanst'],
  brandskydd: ['raddningstjanst', 'bygglov'],
  markupplatelse: ['mark-exploatering', 'naringsliv'],
  etablering: ['naringsliv', 'bygglov', 'mark-exploatering', 'miljo-halsoskydd'],
  upphandling: ['upphandling', 'naringsliv'],
  ovrigt: ['naringsliv'],
};
