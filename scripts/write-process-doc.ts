import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderProcessDoc, spliceReadme, spliceServiceGroupDoc } from './process-doc.js';

const target = new URL('../docs/process.md', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, renderProcessDoc(), 'utf8');
console.log(`Wrote ${fileURLToPath(target)}`);

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, spliceReadme(readFileSync(readme, 'utf8')), 'utf8');
console.log(`Updated the lifecycle diagrams in ${fileURLToPath(readme)}`);

// The rest of docs/service-group.md is written by hand; only the block between its markers is generated.
const serviceGroup = new URL('../docs/service-group.md', import.meta.url);
writeFileSync(serviceGroup, spliceServiceGroupDoc(readFileSync(serviceGroup, 'utf8')), 'utf8');
console.log(`Updated the escalation diagram in ${fileURLToPath(serviceGroup)}`);
