// The "any two plans" client (overrides/assets/javascripts/workplans-compare.js) in node:
// tests/test_compare_client.py writes the cases (the published pieces of two notices and the
// Python matcher's answer) to COMPARE_CASES.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const client = require("../../overrides/assets/javascripts/workplans-compare.js");
const data = JSON.parse(readFileSync(process.env.COMPARE_CASES, "utf-8"));

function tasks(piece) {
  return piece.tasks.map((row) => {
    const body = row[2].slice(0, row[6]);
    return { title: body.split("\n")[0], body, section: row[5] };
  });
}

test("the thresholds are the Python matcher's", () => {
  for (const [name, value] of Object.entries(client.constants)) assert.equal(value, data.constants[name], name);
});

for (const item of data.cases) {
  test(`same matches as Python: ${item.name}`, () => {
    const got = client.compare(tasks(item.earlier), tasks(item.later), item.later.excerpt);
    const plain = got.matches.map((m) => ({ current: m.current, previous: m.previous, status: m.status, moved: m.moved }));
    assert.deepEqual(plain, item.expected.matches);
    assert.deepEqual(got.added, item.expected.added);
    assert.deepEqual(got.dropped, item.expected.dropped);
  });
}

test("a redline gives back both texts, keeps numbers whole and folds short common stretches", () => {
  for (const item of data.cases.slice(0, 4)) {
    const earlier = tasks(item.earlier), later = tasks(item.later);
    for (const m of item.expected.matches) {
      const old = m.previous.map((k) => earlier[k].body).join("\n");
      const now = m.current.map((k) => later[k].body).join("\n");
      const runs = client.phraseDiff(old, now);
      assert.equal(runs.filter((r) => r[0] !== "+").map((r) => r[1]).join(""), old);
      assert.equal(runs.filter((r) => r[0] !== "-").map((r) => r[1]).join(""), now);
      for (let k = 1; k < runs.length; k++) assert.notEqual(runs[k][0], runs[k - 1][0]);
    }
  }
  assert.deepEqual(client.phraseDiff("实施新一轮20项区级综改项目。", "实施新一轮25项区级综改项目。"),
    [["=", "实施新一轮"], ["-", "20"], ["+", "25"], ["=", "项区级综改项目。"]]);
  assert.deepEqual(client.phraseDiff("深入推进教育综合改革。", "持续深化教育综合改革。"),
    [["-", "深入推进"], ["+", "持续深化"], ["=", "教育综合改革。"]]);
  assert.deepEqual(client.phraseDiff("甲。", "甲。"), [["=", "甲。"]]);
});
