// Runs compromise's named-entity finders (people, places, organizations) over pre-tokenised sentences, so that
// Storyline can score them exactly as it scores its own recogniser.
//   node compromise-ner.mjs <input.json> <output.json>
// input:  [{"id": "...", "tokens": ["...", ...]}, ...]
// output: {"seconds": s, "tokens": n, "predictions": {"<id>": [{"start_token": i, "end_token": j, "type": "PER|ORG|LOC"}]}}
import { readFileSync, writeFileSync } from 'node:fs';
import nlp from 'compromise';

const [input, output] = process.argv.slice(2);
const sentences = JSON.parse(readFileSync(input, 'utf8'));
const predictions = {};
let tokenCount = 0;
const started = process.hrtime.bigint();
for (const { id, tokens } of sentences) {
  tokenCount += tokens.length;
  const starts = [];
  let text = '';
  for (const t of tokens) { if (text.length) text += ' '; starts.push(text.length); text += t; }
  const tokenAt = (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const doc = nlp(text);
  const spans = [];
  for (const [type, view] of [['PER', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()]]) {
    for (const match of view.json({ offset: true })) {
      const start = match.offset.start, length = match.offset.length;
      if (length <= 0) continue;
      // compromise keeps trailing punctuation in some matches; trim it back to a token boundary.
      const startToken = tokenAt(start);
      let endToken = tokenAt(start + length - 1) + 1;
      while (endToken - 1 > startToken && /^[^\p{L}\p{N}]+$/u.test(tokens[endToken - 1])) endToken--;
      spans.push({ start_token: startToken, end_token: endToken, type });
    }
  }
  predictions[id] = spans;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
writeFileSync(output, JSON.stringify({ seconds, tokens: tokenCount, predictions }));
