// Runs the theme's own search worker (assets/javascripts/workers/search.*.min.js of a built site)
// in Node, without a browser: the same lunr, the same language files (importScripts reads them from
// the site's folder), the same messages the page sends. Used by tests/test_search_logic.py.
//
//   node tests/search_worker.js SITE_DIR INDEX_JSON < queries.json > results.json
//   node tests/search_worker.js SITE_DIR < jobs.json > results.json
//
// queries.json is a JSON list of query strings, as typed in the search box; results.json is a JSON
// list, per query, of the worker's result items in rank order: {location, title, text, score}.
// jobs.json, to ask many indexes in one run: a JSON list of {index: INDEX_JSON, queries: [...]},
// each set up anew in the worker (as a page does); results.json is then a list per job.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, indexFile] = process.argv.slice(2);
const workers = path.join(site, "assets", "javascripts", "workers");
const workerFile = fs.readdirSync(workers).find(name => /^search\..*\.js$/.test(name));
const workerPath = path.join(workers, workerFile);

const listeners = [];
const replies = [];
const scope = {
  console,
  addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
  postMessage: message => replies.push(message),
  // Scripts are resolved like a browser resolves them: relative to the worker's own URL.
  importScripts: (...urls) => {
    for (const url of urls) {
      const file = path.resolve(path.dirname(workerPath), url);
      vm.runInContext(fs.readFileSync(file, "utf-8"), scope, { filename: file });
    }
  },
};
scope.self = scope;
vm.createContext(scope);
vm.runInContext(fs.readFileSync(workerPath, "utf-8"), scope, { filename: workerPath });

async function send(message) {
  replies.length = 0;
  for (const fn of listeners) await fn({ data: message });
  // The worker posts its answer after awaiting the handler: let that settle.
  for (let i = 0; i < 100 && !replies.length; i++) await new Promise(resolve => setImmediate(resolve));
  return replies[0];
}

async function answer(index, queries) {
  // As the page sends it (integrations/search/worker/_/index.ts): the index and the options.
  const data = { config: index.config, docs: index.docs, options: { suggest: false } };
  const setup = await send({ type: 0, data });  // SearchMessageType.SETUP
  if (!setup || setup.type !== 1) throw new Error("the search worker did not answer READY");
  const answers = [];
  for (const query of queries) {
    const result = await send({ type: 2, data: query });  // SearchMessageType.QUERY
    // The page shows the groups (one per page) in this order, each led by its best item.
    answers.push(result.data.items.flat().sort((a, b) => b.score - a.score).map(item => ({
      location: item.location, title: item.title, text: item.text, score: item.score,
    })));
  }
  return answers;
}

(async () => {
  const input = JSON.parse(fs.readFileSync(0, "utf-8"));
  const read = file => JSON.parse(fs.readFileSync(file, "utf-8"));
  const answers = [];
  if (indexFile === undefined) {
    for (const job of input) answers.push(await answer(read(job.index), job.queries));
  } else {
    answers.push(...await answer(read(indexFile), input));
  }
  process.stdout.write(JSON.stringify(answers));
})().catch(error => { console.error(error.stack || String(error)); process.exit(1); });
