import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderProcessDoc, spliceReadme } from './process-doc.js';

const target = new URL('../docs/process.md', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, renderProcessDoc(), 'utf8');
console.log(`Wrote ${fileURLToPath(target)}`);

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, spliceReadme(readFileSync(readme, 'utf8')), 'utf8');
console.log(`Updated the lifecycle diagrams in ${fileURLToPath(readme)}`);
