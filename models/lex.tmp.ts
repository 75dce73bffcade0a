import { loadSplit } from './scripts/lib/data';
import { findRedFlag, mentionsChild } from './src/intent/red-flags';
const d = loadSplit('train');
let tp = 0, fn: string[] = [], fp: string[] = [];
for (const ex of d.intents) {
  const f = findRedFlag(ex.text);
  const pos = ex.intent === 'emergency';
  if (pos && f) tp++; else if (pos) fn.push(ex.file + ' ' + ex.text); else if (f) fp.push(`${ex.file} [${f.kind}] ${ex.text}`);
}
console.log('recall', tp, '/', tp + fn.length, 'fp', fp.length);
console.log('FN:\n' + fn.join('\n'));
console.log('FP:\n' + fp.join('\n'));
let childPed = 0, ped = 0, childOther: string[] = [], pedMiss: string[] = [];
for (const ex of d.intents) if (ex.department && ex.department !== 'emergency') { const c = mentionsChild(ex.text); if (ex.department === 'pediatrics') { ped++; if (c) childPed++; else pedMiss.push(ex.text); } else if (c) childOther.push(ex.department + ' ' + ex.text); }
console.log('child on pediatrics', childPed, '/', ped, 'child on other', childOther.length); console.log(childOther.join('\n')); console.log('PEDMISS', pedMiss.join('\n'));
