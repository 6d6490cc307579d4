/* "任意两份对照": any two notices side by side, matched and redlined in the browser.
 *
 * The same matcher as build_scripts/enrich/matching.py, on the same data: character-bigram
 * TF-IDF over the two plans' tasks (title counted twice), or 0.8 × the titles' own cosine when
 * higher; the best one-to-one assignment (Hungarian algorithm); pairs under 0.3 are no match;
 * an unmatched task mostly contained (≥ 0.6 of its weight) in a matched task of the other plan
 * makes a merge or a split; a task is moved when its predecessor sat in another section than the
 * one most of its section's tasks came from. tests/js/compare.test.mjs checks it against the
 * Python matcher on plans with known answers. The redline is build_scripts/render/redline.py's:
 * clauses first, then characters, short common stretches folded into the changes.
 *
 * Data: the search index's pieces (search/titles.js, search/manifest.js, search/n/<k>.js),
 * loaded as scripts, so the page works from file:// too. Every visible string is Chinese.
 */
(function (root) {
  "use strict";
  var MATCH_THRESHOLD = 0.3, TITLE_WEIGHT = 0.8, CONTAINMENT_THRESHOLD = 0.6, CONTAINMENT_MIN_SIMILARITY = 0.2;
  var MIN_COMMON = 3, MIN_CLAUSE_RATIO = 0.4;

  // --- similarity -------------------------------------------------------------------------
  function isWordChar(code) {
    return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  }

  function bigramCounts(text) {
    var counts = new Map(), chars = Array.from(text);
    for (var i = 0; i + 1 < chars.length; i++) {
      if (isWordChar(chars[i].codePointAt(0)) && isWordChar(chars[i + 1].codePointAt(0))) {
        var key = chars[i] + chars[i + 1];
        counts.set(key, (counts.get(key) || 0) + 1);
      }
    }
    return counts;
  }

  /* Rows of L2-normalised TF-IDF weights (Maps), as similarity.tfidf computes them. */
  function tfidf(texts) {
    var rows = texts.map(bigramCounts), df = new Map();
    rows.forEach(function (row) { row.forEach(function (_, key) { df.set(key, (df.get(key) || 0) + 1); }); });
    return rows.map(function (row) {
      var weights = new Map(), norm = 0;
      row.forEach(function (count, key) {
        var w = (1 + Math.log(count)) * (Math.log((1 + texts.length) / (1 + df.get(key))) + 1);
        weights.set(key, w);
        norm += w * w;
      });
      norm = Math.sqrt(norm) || 1;
      weights.forEach(function (w, key) { weights.set(key, w / norm); });
      return weights;
    });
  }

  function dot(a, b) {
    var sum = 0, small = a.size <= b.size ? a : b, large = small === a ? b : a;
    small.forEach(function (w, key) { var other = large.get(key); if (other) sum += w * other; });
    return sum;
  }

  function inside(part, whole) {  /* the share of part's weight whose bigrams whole also has */
    var found = 0, total = 0;
    part.forEach(function (w, key) { total += w; if (whole.has(key)) found += w; });
    return total ? found / total : 0;
  }

  function matchText(task) { return task.title + "\n" + task.body; }

  function similarity(previous, current) {
    var rows = tfidf(previous.map(matchText).concat(current.map(matchText)));
    var titles = tfidf(previous.map(function (t) { return t.title; }).concat(current.map(function (t) { return t.title; })));
    var old = rows.slice(0, previous.length), now = rows.slice(previous.length);
    var cosine = [], insideCurrent = [], insidePrevious = [];
    now.forEach(function (row, c) {
      cosine.push(old.map(function (o, p) {
        return Math.max(dot(row, o), TITLE_WEIGHT * dot(titles[previous.length + c], titles[p]));
      }));
      insideCurrent.push(old.map(function (o) { return inside(o, row); }));
      insidePrevious.push(old.map(function (o) { return inside(row, o); }));
    });
    return {cosine: cosine, insideCurrent: insideCurrent, insidePrevious: insidePrevious};
  }

  // --- assignment (Hungarian algorithm, maximising the total score) -----------------------
  function assign(score, rows, cols) {
    if (!rows || !cols) return [];
    var transpose = rows > cols, n = transpose ? cols : rows, m = transpose ? rows : cols;
    function cost(i, j) { return -(transpose ? score[j][i] : score[i][j]); }
    var INF = Infinity, u = new Array(n + 1).fill(0), v = new Array(m + 1).fill(0);
    var p = new Array(m + 1).fill(0), way = new Array(m + 1).fill(0);
    for (var i = 1; i <= n; i++) {
      p[0] = i;
      var j0 = 0, minv = new Array(m + 1).fill(INF), used = new Array(m + 1).fill(false);
      do {
        used[j0] = true;
        var i0 = p[j0], delta = INF, j1 = 0;
        for (var j = 1; j <= m; j++) {
          if (used[j]) continue;
          var cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
          if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
          if (minv[j] < delta) { delta = minv[j]; j1 = j; }
        }
        for (j = 0; j <= m; j++) {
          if (used[j]) { u[p[j]] += delta; v[j] -= delta; } else minv[j] -= delta;
        }
        j0 = j1;
      } while (p[j0] !== 0);
      do { var prev = way[j0]; p[j0] = p[prev]; j0 = prev; } while (j0);
    }
    var pairs = [];
    for (var j2 = 1; j2 <= m; j2++) {
      if (!p[j2]) continue;
      pairs.push(transpose ? [j2 - 1, p[j2] - 1] : [p[j2] - 1, j2 - 1]);
    }
    return pairs.sort(function (a, b) { return a[0] - b[0]; });
  }

  function order(values) {  /* indices by value, highest first (stable) */
    return values.map(function (v, k) { return k; }).sort(function (a, b) { return values[b] - values[a] || a - b; });
  }

  /* previous, current: arrays of {title, body, section}. Returns the matches (in the current
   * plan's order) with their indices, status, confidence and moved flag, and the new and dropped
   * (none when the later plan is an excerpt: it stops early, so it cannot say what was dropped). */
  function compare(previous, current, currentIsExcerpt) {
    var s = similarity(previous, current), partner = {}, confidence = {};
    assign(s.cosine, current.length, previous.length).forEach(function (pair) {
      var c = pair[0], p = pair[1];
      if (s.cosine[c][p] >= MATCH_THRESHOLD) { partner[c] = p; confidence[c] = s.cosine[c][p]; }
    });
    var taken = {}, owner = {};
    Object.keys(partner).forEach(function (c) { taken[partner[c]] = true; owner[partner[c]] = Number(c); });
    var merged = {}, splits = {};
    previous.forEach(function (_, p) {
      if (taken[p]) return;
      var column = current.map(function (_, c) { return s.insideCurrent[c][p]; });
      var ranked = order(column);
      for (var k = 0; k < ranked.length; k++) {
        var c = ranked[k];
        if (column[c] < CONTAINMENT_THRESHOLD) break;
        if (c in partner && s.cosine[c][p] >= CONTAINMENT_MIN_SIMILARITY) { (merged[c] = merged[c] || []).push(p); break; }
      }
    });
    current.forEach(function (_, c) {
      if (c in partner) return;
      var ranked = order(s.insidePrevious[c]);
      for (var k = 0; k < ranked.length; k++) {
        var p = ranked[k];
        if (s.insidePrevious[c][p] < CONTAINMENT_THRESHOLD) break;
        if (p in owner && s.cosine[c][p] >= CONTAINMENT_MIN_SIMILARITY) { splits[c] = p; break; }
      }
    });
    var splitParts = {};
    Object.keys(splits).map(Number).sort(function (a, b) { return a - b; }).forEach(function (c) {
      (splitParts[splits[c]] = splitParts[splits[c]] || []).push(c);
    });
    var votes = {};
    Object.keys(partner).map(Number).sort(function (a, b) { return a - b; }).forEach(function (c) {
      var section = current[c].section, from = previous[partner[c]].section;
      votes[section] = votes[section] || {counts: {}, order: []};
      if (!(from in votes[section].counts)) { votes[section].counts[from] = 0; votes[section].order.push(from); }
      votes[section].counts[from]++;
    });
    var origin = {};
    Object.keys(votes).forEach(function (section) {
      var best = null;
      votes[section].order.forEach(function (from) { if (best === null || votes[section].counts[from] > votes[section].counts[best]) best = from; });
      origin[section] = best;
    });
    var matches = [], done = {};
    current.forEach(function (_, c) {
      if (done[c] || !(c in partner)) return;
      var p = partner[c];
      var parts = [c].concat(splitParts[p] || []).sort(function (a, b) { return a - b; });
      var earlier = [p].concat(merged[c] || []).sort(function (a, b) { return a - b; });
      var status = parts.length > 1 ? "split" : earlier.length > 1 ? "merged" : "continued";
      matches.push({current: parts, previous: earlier, status: status, confidence: confidence[c],
                    moved: String(previous[p].section) !== String(origin[current[c].section])});
      parts.forEach(function (k) { done[k] = true; });
    });
    var matchedOld = {}, matchedNew = {};
    matches.forEach(function (m) {
      m.previous.forEach(function (p) { matchedOld[p] = true; });
      m.current.forEach(function (c) { matchedNew[c] = true; });
    });
    return {
      matches: matches,
      added: current.map(function (_, c) { return c; }).filter(function (c) { return !matchedNew[c]; }),
      dropped: currentIsExcerpt ? [] : previous.map(function (_, p) { return p; }).filter(function (p) { return !matchedOld[p]; })
    };
  }

  // --- redline ----------------------------------------------------------------------------------
  var CLAUSE = /[^，。；：、！？,;:!?\n]*[，。；：、！？,;:!?\n]?/g;
  var TOKEN = /\d+(?:\.\d+)?%?|[A-Za-z]+|[\s\S]/g;

  function clauses(text) { return (text.match(CLAUSE) || []).filter(function (c) { return c; }); }

  /* Longest common subsequence of two arrays → runs [op, aItems, bItems] with op "=", "-", "+". */
  function lcsRuns(a, b) {
    var n = a.length, m = b.length, table = [];
    for (var i = 0; i <= n; i++) table.push(new Int32Array(m + 1));
    for (i = n - 1; i >= 0; i--) {
      for (var j = m - 1; j >= 0; j--) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var runs = [];
    function push(op, x) {
      var last = runs[runs.length - 1];
      if (last && last[0] === op) last[1].push(x); else runs.push([op, [x]]);
    }
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) { push("=", a[i]); i++; j++; }
      else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) { push("+", b[j]); j++; }
      else { push("-", a[i]); i++; }
    }
    return {runs: runs, common: table[0] ? table[0][0] : 0};
  }

  function grouped(runs) {  /* each stretch of changes: one deletion, then one insertion */
    var out = [], del = "", ins = "";
    runs.concat([["=", ""]]).forEach(function (run) {
      if (run[0] === "-") del += run[1];
      else if (run[0] === "+") ins += run[1];
      else { out.push(["-", del], ["+", ins], ["=", run[1]]); del = ""; ins = ""; }
    });
    return out;
  }

  function characterDiff(old, now) {
    var result = lcsRuns(old.match(TOKEN) || [], now.match(TOKEN) || []);
    var runs = result.runs.map(function (r) { return [r[0], r[1].join("")]; });
    var folded = [];
    runs.forEach(function (run, k) {
      if (run[0] === "=" && Array.from(run[1]).length < MIN_COMMON && k > 0 && k < runs.length - 1) {
        folded.push(["-", run[1]], ["+", run[1]]);
      } else folded.push(run);
    });
    return grouped(folded);
  }

  function ratio(a, b) {
    var x = Array.from(a), y = Array.from(b);
    return x.length + y.length ? 2 * lcsRuns(x, y).common / (x.length + y.length) : 1;
  }

  function phraseDiff(old, now) {
    var runs = [];
    var blocks = lcsRuns(clauses(old), clauses(now)).runs;
    for (var k = 0; k < blocks.length; k++) {
      var run = blocks[k];
      if (run[0] === "=") { runs.push(["=", run[1].join("")]); continue; }
      var del = "", ins = "";
      while (k < blocks.length && blocks[k][0] !== "=") {
        if (blocks[k][0] === "-") del += blocks[k][1].join(""); else ins += blocks[k][1].join("");
        k++;
      }
      k--;
      if (del && ins && ratio(del, ins) >= MIN_CLAUSE_RATIO) runs = runs.concat(characterDiff(del, ins));
      else runs.push(["-", del], ["+", ins]);
    }
    var out = [];
    grouped(runs).forEach(function (run) {
      if (!run[1]) return;
      var last = out[out.length - 1];
      if (last && last[0] === run[0]) last[1] += run[1]; else out.push([run[0], run[1]]);
    });
    return out;
  }

  var api = root.workplansCompare = {compare: compare, phraseDiff: phraseDiff, tfidf: tfidf,
                                     constants: {MATCH_THRESHOLD: MATCH_THRESHOLD, TITLE_WEIGHT: TITLE_WEIGHT,
                                                 CONTAINMENT_THRESHOLD: CONTAINMENT_THRESHOLD,
                                                 CONTAINMENT_MIN_SIMILARITY: CONTAINMENT_MIN_SIMILARITY}};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  // --- the page ------------------------------------------------------------------------------
  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return node;
  }

  function tasksOf(piece) {
    return piece.tasks.map(function (row) {
      var body = row[2].slice(0, row[6]);
      return {anchor: row[0], heading: row[1], title: body.split("\n")[0], body: body, section: row[5]};
    });
  }

  function redlineNode(old, now) {
    var p = element("p", {class: "redline-text"});
    phraseDiff(old, now).forEach(function (run) {
      var text = run[1];
      if (run[0] === "=") { p.appendChild(document.createTextNode(text)); return; }
      var tag = run[0] === "-" ? "del" : "ins";
      p.appendChild(element(tag, {}, [element("span", {class: "visually-hidden", text: run[0] === "-" ? "删除：" : "新增："}), text]));
    });
    return p;
  }

  function start() {
    var host = document.getElementById("workplans-compare");
    var search = root.workplansSearch;
    if (!host || !search || !search.load) return;
    var base = search.base;
    Promise.all([search.load("manifest"), search.load("titles")]).then(function (loaded) {
      build(host, base, search.load, loaded[0], loaded[1]);
    }).catch(function () {
      host.textContent = "无法读取文件目录（search/ 下的数据缺失）。请重新构建网站。";
    });
  }

  function build(host, base, load, manifest, titles) {
    // A Map: a notice id comes from the address (?a=…), and "constructor" is no notice.
    var byId = new Map();
    titles.forEach(function (entry, number) { byId.set(entry[0], number); });
    function picker(label, key) {
      var issuer = element("select", {id: "wp-compare-issuer-" + key, "aria-label": label + "：发布机关"});
      var notice = element("select", {id: "wp-compare-notice-" + key, "aria-label": label + "：文件"});
      issuer.appendChild(element("option", {value: "", text: "选择发布机关"}));
      manifest.issuerNames.forEach(function (name, k) { issuer.appendChild(element("option", {value: String(k), text: name})); });
      function fill(selected) {
        notice.textContent = "";
        notice.appendChild(element("option", {value: "", text: "选择文件"}));
        titles.forEach(function (entry, number) {
          if (String(manifest.issuers[number]) !== issuer.value) return;
          var option = element("option", {value: entry[0], text: (manifest.years[number] || "未注明年度") + "年 · " + entry[1]});
          if (entry[0] === selected) option.selected = true;
          notice.appendChild(option);
        });
      }
      issuer.addEventListener("change", function () { fill(null); });
      return {node: element("fieldset", {class: "wp-compare-pick"}, [element("legend", {text: label}),
                element("label", {for: issuer.id, text: "发布机关"}), issuer,
                element("label", {for: notice.id, text: "文件"}), notice]),
              select: function (id) {
                if (!byId.has(id)) return;
                issuer.value = String(manifest.issuers[byId.get(id)]);
                fill(id);
              },
              value: function () { return notice.value; }};
    }
    var left = picker("较早的文件（左栏）", "a"), right = picker("较晚的文件（右栏）", "b");
    var go = element("button", {type: "submit", class: "md-button md-button--primary", text: "对照"});
    var result = element("div", {id: "wp-compare-result", "aria-live": "polite"});
    var form = element("form", {class: "wp-compare-form"}, [left.node, right.node, go]);
    host.appendChild(form);
    host.appendChild(result);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(left.value(), right.value(), true);
    });
    var params = new URLSearchParams(location.search);
    if (params.get("a")) left.select(params.get("a"));
    if (params.get("b")) right.select(params.get("b"));
    if (params.get("a") && params.get("b")) run(params.get("a"), params.get("b"), false);

    function run(a, b, remember) {
      result.textContent = "";
      if (!byId.has(a) || !byId.has(b)) { result.appendChild(element("p", {text: "请在左右两栏各选择一份文件。"})); return; }
      if (remember) history.replaceState(null, "", "?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b));
      result.appendChild(element("p", {text: "正在对照……"}));
      Promise.all([load("n/" + byId.get(a)), load("n/" + byId.get(b))]).then(function (pieces) {
        show(pieces[0], pieces[1]);
      });
    }

    function link(piece, task) {
      return element("a", {href: base + piece.url + "#" + task.anchor, text: task.heading});
    }

    function cell(piece, tasks, marked) {
      var td = element("td");
      tasks.forEach(function (task) { td.appendChild(element("p", {class: "task-head"}, [link(piece, task)])); });
      if (marked) td.appendChild(marked);
      else tasks.forEach(function (task) { td.appendChild(element("p", {text: task.body.split("\n").slice(1).join("\n")})); });
      return td;
    }

    function badge(text) { return element("span", {class: "match-badge", text: text}); }

    function show(earlierPiece, laterPiece) {
      var previous = tasksOf(earlierPiece), current = tasksOf(laterPiece);
      var outcome = compare(previous, current, laterPiece.excerpt);
      result.textContent = "";
      var changed = outcome.matches.filter(function (m) { return joined(previous, m.previous) !== joined(current, m.current); }).length;
      result.appendChild(element("p", {class: "wp-compare-summary", text:
        "新增 " + outcome.added.length + " 项 · 延续 " + outcome.matches.length + " 处（其中有改动 " + changed + " 处）· 不再列出 " +
        outcome.dropped.length + " 项" + (laterPiece.excerpt ? "（较晚的文件为节选，不计“不再列出”）" : "") +
        "。右栏中删除的文字加删除线，新增的文字加下划线。"}));
      var body = element("tbody");
      var droppedAfter = {}, anchor = -1, dropped = {};
      outcome.dropped.forEach(function (p) { dropped[p] = true; });
      var matchedOld = {};
      outcome.matches.forEach(function (m) { m.previous.forEach(function (p) { matchedOld[p] = true; }); });
      previous.forEach(function (_, p) {
        if (dropped[p]) (droppedAfter[anchor] = droppedAfter[anchor] || []).push(p);
        else if (matchedOld[p]) anchor = p;
      });
      function droppedRows(after) {
        (droppedAfter[after] || []).forEach(function (p) {
          var td = cell(earlierPiece, [previous[p]]);
          td.insertBefore(badge("不再列出"), td.firstChild);
          body.appendChild(element("tr", {class: "dropped"}, [td, element("td", {class: "empty", text: "（右栏文件中无对应任务）"})]));
        });
      }
      droppedRows(-1);
      var matchOf = {};
      outcome.matches.forEach(function (m) { m.current.forEach(function (c) { matchOf[c] = m; }); });
      var shown = {};
      current.forEach(function (task, c) {
        var m = matchOf[c];
        if (!m) {
          var td = cell(laterPiece, [task]);
          td.insertBefore(badge("新增"), td.firstChild);
          body.appendChild(element("tr", {class: "new"}, [element("td", {class: "empty", text: "（左栏文件中无对应任务）"}), td]));
          return;
        }
        if (shown[m.current[0]]) return;
        shown[m.current[0]] = true;
        var old = joined(previous, m.previous), now = joined(current, m.current);
        var right = cell(laterPiece, m.current.map(function (k) { return current[k]; }), old === now ? null : redlineNode(old, now));
        var label = {continued: "延续", merged: "合并", split: "拆分"}[m.status];
        [badge(label), m.moved ? badge("调整了所在部分") : null, badge(old === now ? "未改动" : "有改动"),
         badge("相似度 " + m.confidence.toFixed(2))].reverse().forEach(function (b) {
          if (b) right.insertBefore(b, right.firstChild);
        });
        body.appendChild(element("tr", {class: old === now ? "unchanged" : "changed"},
          [cell(earlierPiece, m.previous.map(function (k) { return previous[k]; })), right]));
        m.previous.forEach(droppedRows);
      });
      var caption = earlierPiece.title + " 与 " + laterPiece.title;
      var table = element("table", {class: "side-by-side"}, [element("caption", {text: caption}),
        element("thead", {}, [element("tr", {}, [element("th", {scope: "col", text: "较早：" + earlierPiece.title}),
                                                  element("th", {scope: "col", text: "较晚：" + laterPiece.title})])]), body]);
      result.appendChild(element("div", {class: "side-by-side-wrap", tabindex: "0", role: "region", "aria-label": caption}, [table]));
    }

    function joined(tasks, indices) { return indices.map(function (k) { return tasks[k].body; }).join("\n"); }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
