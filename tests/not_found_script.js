// Runs the 404 page's own language choice (the inline script after its `reader-404` data, in the
// built 404.html) in Node, without a browser, for many missing addresses: which language the page
// takes, and which entry (words, links) it gives the theme. Used by tests/test_404.py.
//
//   node tests/not_found_script.js SITE_DIR < cases.json > answers.json
//
// cases.json: a JSON list of {path, site?}: the missing address's path, and optionally the site's
// path to pretend it was built for (its data's `site`, e.g. "/project-site/"); answers.json: per
// case {lang, dataLang, root, entryLang, home}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const html = fs.readFileSync(path.join(process.argv[2], "404.html"), "utf-8");
const data = html.match(/<script type="application\/json" id="reader-404">([\s\S]*?)<\/script>/);
if (!data) throw new Error("404.html: no reader-404 data");
// The first inline script after the data: the one that picks the language.
const rest = html.slice(data.index + data[0].length);
const script = rest.match(/<script>([\s\S]*?)<\/script>/);
if (!script || !script[1].includes("reader404")) throw new Error("404.html: no language script after its data");

const cases = JSON.parse(fs.readFileSync(0, "utf-8"));
const answers = cases.map(({ path: pathname, site }) => {
  const parsed = JSON.parse(data[1]);
  if (site !== undefined) parsed.site = site;
  const attributes = {};
  const documentElement = { lang: "", setAttribute: (name, value) => { attributes[name] = value; } };
  const document = {
    documentElement,
    getElementById: id => (id === "reader-404" ? { textContent: JSON.stringify(parsed) } : null),
  };
  const window = {};
  vm.runInNewContext(script[1], { document, window, location: { pathname } });
  const reader = window.reader404;
  return { lang: documentElement.lang, dataLang: attributes["data-lang"], root: reader.root,
           entryLang: reader.entry.lang, home: reader.root + reader.entry.root };
});
process.stdout.write(JSON.stringify(answers));
