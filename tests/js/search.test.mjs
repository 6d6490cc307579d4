// Unit tests of the search client (overrides/assets/javascripts/workplans-search.js) in node,
// against an index the Python writer made (tests/test_search_engine.py sets SEARCH_INDEX_DIR
// and writes expected.json: each query's tasks, found by brute force over the notices).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

const require = createRequire(import.meta.url);
const client = require("../../overrides/assets/javascripts/workplans-search.js");
const folder = process.env.SEARCH_INDEX_DIR;
const loaded = [];

function fileLoader(name) {
  loaded.push(name);
  return new Promise((resolve) => {
    const sandbox = { workplansSearch: { piece: (_, data) => resolve(data) } };
    vm.runInNewContext(readFileSync(path.join(folder, "search", name + ".js"), "utf-8"), sandbox);
  });
}

test("decode reads what the Python writer encodes", () => {
  const cases = JSON.parse(readFileSync(path.join(folder, "encoded.json"), "utf-8"));
  for (const [encoded, numbers] of cases) assert.deepEqual(client.decode(encoded), numbers);
});

test("crc32 matches zlib.crc32 of the UTF-8 bytes", () => {
  const known = JSON.parse(readFileSync(path.join(folder, "crc.json"), "utf-8"));
  for (const [text, value] of known) assert.equal(client.crc32(text), value, text);
});

test("queries are cut into terms and grams as the index is", () => {
  assert.deepEqual(client.terms('  教师队伍  "双 减" “一条龙” ITSM '), ["教师队伍", "双减", "一条龙", "itsm"]);
  assert.deepEqual(client.gramsOf("学前教育"), ["学前", "前教", "教育"]);
  assert.deepEqual(client.gramsOf("减"), ["减"]);
  assert.equal(client.normalise("１２ＡＢ　c"), "12abc");
});

test("every query finds exactly the tasks whose text contains it", async () => {
  const expected = JSON.parse(readFileSync(path.join(folder, "expected.json"), "utf-8"));
  const engine = client.createSearch(fileLoader);
  for (const [query, filters, tasks] of expected) {
    const results = await engine.all(query, filters);
    const got = results.map((r) => r.url + "#" + r.anchor);
    assert.deepEqual(got, tasks, `${query} ${JSON.stringify(filters)}`);
  }
});

test("the first results need only a few pieces", async () => {
  loaded.length = 0;
  const engine = client.createSearch(fileLoader);
  const first = await engine.query("教育").next(10);
  assert.ok(first.length >= 10);
  assert.ok(loaded.length <= 8, loaded.join(" "));
});

test("query values that are Object.prototype's keys find nothing and throw nothing", async () => {
  const engine = client.createSearch(fileLoader);
  for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    assert.deepEqual(await engine.all(word, {}), [], word);
    assert.deepEqual(await engine.all("教育", {theme: word, department: word, issuer: word, year: word}), [], word);
  }
});
