// Runs chrono-node and compromise-dates over TimeML (.tml) documents, with each document's DCT as the reference
// date, and writes their output in Storyline's `eval time --predictions` format, so that `storyline score time`
// scores them with the same scorer as Storyline. Prints each tool's speed (docs/s, words/s).
//
//   node time-peers.mjs <folder with .tml files> <out-folder> [split]
//
// Offsets are into the plain text of the <TEXT> element (every tag stripped, entities decoded), as Storyline's
// TimeMLDocument reads it.
import fs from 'node:fs';
import path from 'node:path';
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';

nlp.plugin(datesPlugin);

const [folder, outFolder, split] = process.argv.slice(2);
if (!folder || !outFolder) {
  console.error('usage: node time-peers.mjs <tml folder> <out folder> [split]');
  process.exit(64);
}

function findTml(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTml(full));
    else if (entry.name.endsWith('.tml')) out.push(full);
  }
  return out;
}

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntity(name) {
  if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
  return entities[name] ?? `&${name};`;
}

function plainText(xml) {
  const open = xml.indexOf('<TEXT>');
  const close = xml.indexOf('</TEXT>');
  let text = '';
  for (let i = open + '<TEXT>'.length; i < close;) {
    const c = xml[i];
    if (c === '<') { i = xml.indexOf('>', i) + 1; continue; }
    if (c === '&') {
      const end = xml.indexOf(';', i);
      if (end > 0 && end - i <= 10) { text += decodeEntity(xml.slice(i + 1, end)); i = end + 1; continue; }
    }
    text += c;
    i++;
  }
  return text;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const isoDay = d => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

// chrono: the value at the precision chrono is certain of.
function chronoValue(result) {
  const s = result.start;
  const d = s.date();
  if (s.isCertain('hour')) return { type: 'TIME', value: `${isoDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}` };
  if (s.isCertain('day') || s.isCertain('weekday')) return { type: 'DATE', value: isoDay(d) };
  if (s.isCertain('month')) return { type: 'DATE', value: `${d.getFullYear()}-${pad(d.getMonth() + 1)}` };
  if (s.isCertain('year')) return { type: 'DATE', value: String(d.getFullYear()) };
  return { type: 'DATE', value: isoDay(d) };
}

function runChrono(text, dct) {
  return chrono.parse(text, dct).map(r => ({ start: r.index, end: r.index + r.text.length, ...chronoValue(r) }));
}

// ISO week of a date, for compromise's week intervals.
function isoWeek(date) {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  return `${d.getUTCFullYear()}-W${pad(Math.ceil(((d - yearStart) / 86400000 + 1) / 7))}`;
}

// compromise gives an interval; name it at the granularity it spans.
function compromiseValue(start, end) {
  if (!start) return { type: 'DATE', value: null };
  const s = new Date(start.slice(0, 19));
  const e = end ? new Date(end.slice(0, 19)) : s;
  const days = Math.round((e - s) / 86400000);
  const hasTime = !/T00:00:00/.test(start) && !(end && /T23:59/.test(end) && days >= 0 && /T00:00:00/.test(start));
  if (days <= 0 && hasTime) return { type: 'TIME', value: `${isoDay(s)}T${pad(s.getHours())}:${pad(s.getMinutes())}` };
  if (days <= 0) return { type: 'DATE', value: isoDay(s) };
  if (days >= 364 && s.getMonth() === 0 && s.getDate() === 1) return { type: 'DATE', value: String(s.getFullYear()) };
  if (days >= 27 && days <= 31 && s.getDate() === 1) return { type: 'DATE', value: `${s.getFullYear()}-${pad(s.getMonth() + 1)}` };
  if (days >= 6 && days <= 7 && s.getDay() === 1) return { type: 'DATE', value: isoWeek(s) };
  return { type: 'DATE', value: isoDay(s) };
}

function runCompromise(text, dct) {
  const doc = nlp(text);
  const today = isoDay(dct);
  const out = [];
  for (const m of doc.dates({ today }).json({ offset: true })) {
    const off = m.offset ?? m.terms?.[0]?.offset;
    if (!off) continue;
    out.push({ start: off.start, end: off.start + off.length, ...compromiseValue(m.dates?.start, m.dates?.end) });
  }
  for (const m of doc.durations().json({ offset: true })) {
    const off = m.offset;
    if (!off) continue;
    const d = m.duration ?? {};
    const unit = { years: 'Y', months: 'M', weeks: 'W', days: 'D', hours: 'H', minutes: 'MIN', seconds: 'S' };
    const [k, v] = Object.entries(d)[0] ?? [];
    const code = unit[k];
    const value = !code ? null : ['H', 'MIN', 'S'].includes(code) ? `PT${v}${code === 'MIN' ? 'M' : code}` : `P${v}${code}`;
    if (!out.some(o => o.start < off.start + off.length && off.start < o.end))
      out.push({ start: off.start, end: off.start + off.length, type: 'DURATION', value });
  }
  return out.sort((a, b) => a.start - b.start);
}

// TimeML extents leave out a leading preposition and trailing punctuation; both peers sometimes include them, so
// they are trimmed for a fair strict-span comparison.
function trimSpan(text, p) {
  let { start, end } = p;
  while (end > start && /[\s,.;:!?)]/.test(text[end - 1])) end--;
  const lead = /^(?:on|at|in|by|from|since|until|during|for)\s+/i.exec(text.slice(start, end));
  if (lead && lead[0].length < end - start) start += lead[0].length;
  return { ...p, start, end };
}

const files = findTml(folder)
  .filter(f => !split || path.relative(folder, f).toLowerCase().includes(split.toLowerCase()))
  .sort();
const docs = files.map(f => {
  const xml = fs.readFileSync(f, 'utf8');
  const dct = /<DCT>\s*<TIMEX3[^>]*\bvalue="(\d{4})-(\d{2})-(\d{2})/.exec(xml);
  const text = plainText(xml);
  return {
    name: path.basename(f, '.tml'),
    text,
    words: text.split(/\s+/).filter(Boolean).length,
    // Noon, so that time-zone shifts cannot move the reference date.
    dct: dct ? new Date(+dct[1], +dct[2] - 1, +dct[3], 12, 0, 0) : new Date(),
  };
});
const words = docs.reduce((n, d) => n + d.words, 0);
fs.mkdirSync(outFolder, { recursive: true });

for (const [name, run] of [['chrono-node', runChrono], ['compromise-dates', runCompromise]]) {
  run(docs[0].text, docs[0].dct); // warm-up, not timed
  const predictions = {};
  const failed = [];
  const started = process.hrtime.bigint();
  for (const d of docs) {
    try {
      predictions[d.name] = run(d.text, d.dct).map(p => trimSpan(d.text, p));
    } catch (e) {
      // A tool that throws on a document gets no predictions for it (scored as missing everything).
      predictions[d.name] = [];
      failed.push(`${d.name}: ${String(e.message ?? e).slice(0, 80)}`);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (failed.length) console.log(`${name}: threw on ${failed.length} document(s): ${failed.join('; ')}`);
  const file = path.join(outFolder, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(predictions));
  console.log(`${name}: ${docs.length} docs, ${words} words in ${seconds.toFixed(2)} s = ${(docs.length / seconds).toFixed(1)} docs/s, ${Math.round(words / seconds)} words/s -> ${file}`);
}
