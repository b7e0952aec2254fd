// Times Mozilla Readability (with linkedom as the DOM) on the benchmark's pages, one core, the way
// Storyline's benchmark times its own extractor: pages are read and gunzipped first, then parse + extract is timed.
// Usage: node readability-speed.mjs [dataset-folder] [rounds]
import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";

const folder = process.argv[2] ?? "../../../shared/datasets/scrapinghub-article-extraction-benchmark";
const rounds = Number(process.argv[3] ?? 3);
const htmlFolder = join(folder, "html");
const pages = readdirSync(htmlFolder)
  .filter((f) => f.endsWith(".html.gz") || f.endsWith(".html"))
  .sort()
  .map((f) => {
    const bytes = readFileSync(join(htmlFolder, f));
    return (f.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  });

let best = Infinity;
for (let round = 0; round < rounds; round++) {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let chars = 0;
  for (const html of pages) {
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    chars += article?.textContent?.length ?? 0;
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (cpu.user + cpu.system) / 1e6;
  best = Math.min(best, seconds);
  console.log(`round ${round + 1}: ${pages.length} pages, ${seconds.toFixed(2)} s CPU (${wall.toFixed(2)} s wall) = ${(pages.length / seconds).toFixed(1)} pages per CPU-second (${chars} chars extracted)`);
}
// CPU time, not wall time: on a shared machine wall time measures the neighbours. Storyline's figure is taken the same way.
console.log(`readability.js + linkedom: best ${(pages.length / best).toFixed(1)} pages per CPU-second`);
