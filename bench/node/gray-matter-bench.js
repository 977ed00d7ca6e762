// Parsing baseline: gray-matter (front matter + js-yaml) over the same files as the Java benchmark.
// Called as matter(text, {}) so that gray-matter's content cache cannot turn the loop into hash lookups.
// Usage: node gray-matter-bench.js <folder-with-samples> [seconds-per-round] [rounds]
// Prints one JSON line: {"parser":"gray-matter","files":N,"rounds":[files/s,...],"median":files/s}
'use strict';
const fs = require('fs');
const path = require('path');
const matter = require('gray-matter');

function collect(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...collect(p));
    else if (/\.(md|txt)$/.test(entry.name) && !/^(README|PROVENANCE)\.md$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

const root = process.argv[2] || path.join(__dirname, '..', '..', 'samples');
const seconds = Number(process.argv[3] || 3);
const rounds = Number(process.argv[4] || 5);
const texts = collect(root).map(f => fs.readFileSync(f, 'utf8'));

let sink = 0;
function round(ms) {
  const end = process.hrtime.bigint() + BigInt(ms) * 1000000n;
  let n = 0;
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() < end) {
    for (const t of texts) {
      const parsed = matter(t, {});
      sink += parsed.data.title ? parsed.data.title.length : 0;
      n++;
    }
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

round(2000); // warm-up
const results = [];
for (let i = 0; i < rounds; i++) results.push(Math.round(round(seconds * 1000)));
const sorted = [...results].sort((a, b) => a - b);
console.log(JSON.stringify({ parser: 'gray-matter', files: texts.length, rounds: results,
  median: sorted[Math.floor(sorted.length / 2)], sink: sink > 0 }));
