import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderProcessDoc } from './process-doc.js';

const target = new URL('../docs/process.md', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, renderProcessDoc(), 'utf8');
console.log(`Wrote ${fileURLToPath(target)}`);
