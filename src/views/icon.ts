// The service's mark, a white tick on its blue, for the browser tab of every page.

/** The SVG the pages link to, so no page view asks for a /favicon.ico that is not there. */
export const iconSvg =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" ` +
  `rx="6" fill="#1f3a5f"/><path d="M9 17l5 5 9-11" fill="none" stroke="#fff" stroke-width="3.5" ` +
  `stroke-linecap="round" stroke-linejoin="round"/></svg>`;

// Browsers and feed readers ask for /favicon.ico whatever a page links to. This is the same
// mark drawn once as a 32×32 icon file: a BMP image with its transparency mask, the form every
// reader of .ico knows.
const SIZE = 32;
const BLUE = [0x5f, 0x3a, 0x1f, 0xff]; // B, G, R, A of #1f3a5f
const WHITE = [0xff, 0xff, 0xff, 0xff];

// Distance from point (px, py) to the segment a–b, for the tick's two strokes.
function distance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function pixel(x: number, y: number): number[] | null {
  const r = 6;
  const cx = Math.min(Math.max(x + 0.5, r), SIZE - r);
  const cy = Math.min(Math.max(y + 0.5, r), SIZE - r);
  if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > r) return null;
  const tick = Math.min(distance(x + 0.5, y + 0.5, 9, 17, 14, 22), distance(x + 0.5, y + 0.5, 14, 22, 23, 11));
  return tick <= 1.75 ? WHITE : BLUE;
}

function drawIcon(): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(SIZE, 4);
  info.writeInt32LE(SIZE * 2, 8); // colour rows and mask rows
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  const colours = Buffer.alloc(SIZE * SIZE * 4);
  const maskRow = Math.ceil(SIZE / 32) * 4;
  const mask = Buffer.alloc(maskRow * SIZE);
  for (let y = 0; y < SIZE; y++) {
    const row = SIZE - 1 - y; // BMP rows run bottom-up
    for (let x = 0; x < SIZE; x++) {
      const p = pixel(x, y);
      if (p) colours.set(p, (row * SIZE + x) * 4);
      else mask[row * maskRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const image = Buffer.concat([info, colours, mask]);
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}

/** The mark as /favicon.ico. */
export const iconIco: Buffer = drawIcon();
