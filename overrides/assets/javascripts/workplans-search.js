/* The site's search: exact substring search over every task, with an index loaded in pieces.
 *
 * The index (written by build_scripts/render/search_index.py) is a set of scripts, each
 * calling workplansSearch.piece(name, data): a manifest, posting shards, posting chunks and
 * one piece per notice. They load as <script> elements, so search works from file:// and
 * under any path. A query's terms (split on spaces; quotes kept as one term) must all occur
 * in a task's text; the rarest pair of characters gives the candidates, the other pairs
 * prune them, and each candidate's own text decides: results are exact.
 *
 * The same file runs in node for its unit tests (createSearch with a loader of its own).
 */
(function (root) {
  "use strict";

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var THEME_GRAM = "\ue000";
  var DEPARTMENT_GRAM = "\ue001";
  var LETTER = {};
  for (var i = 0; i < ALPHABET.length; i++) LETTER[ALPHABET[i]] = i;

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }

  function terms(query) {
    var found = [];
    var pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
    var match;
    while ((match = pattern.exec(query)) !== null) {
      var term = normalise(match[1] || match[2] || match[3] || "");
      if (term && found.indexOf(term) < 0) found.push(term);
    }
    return found;
  }

  function gramsOf(term) {
    var chars = Array.from(term);
    if (chars.length === 1) return [term];
    var out = [];
    for (var k = 0; k + 1 < chars.length; k++) {
      var gram = chars[k] + chars[k + 1];
      if (out.indexOf(gram) < 0) out.push(gram);
    }
    return out;
  }

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(text) {
    var bytes = new TextEncoder().encode(text);
    var crc = 0xffffffff;
    for (var k = 0; k < bytes.length; k++) crc = CRC_TABLE[(crc ^ bytes[k]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function decode(encoded) {
    var width = LETTER[encoded[0]];
    var values = [];
    var last = -1;
    for (var start = 1; start < encoded.length; start += width) {
      var delta = 0;
      for (var k = start; k < start + width; k++) delta = delta * 64 + LETTER[encoded[k]];
      last += delta;
      values.push(last);
    }
    return values;
  }

  // The notice holding task number `task`: the last notice whose first task is not after it.
  function noticeOf(starts, task) {
    var low = 0, high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] <= task) low = middle; else high = middle - 1;
    }
    return low;
  }

  function createSearch(load) {
    var cache = new Map();
    function get(name) {
      if (!cache.has(name)) cache.set(name, load(name));
      return cache.get(name);
    }
    var manifest = null;
    function ready() {
      if (!manifest) {
        manifest = get("manifest").then(function (data) {
          data.startList = data.starts ? decode(data.starts) : [];
          return data;
        });
      }
      return manifest;
    }

    function gramKey(gram) {
      return Array.from(gram).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
    }

    // A gram's posting list: its first chunk is in its shard, later ones load when asked for.
    function postingList(gram, entry) {
      var first = decode(entry[1]);
      return {
        count: entry[0],
        chunks: entry[2].length,
        firstSet: new Set(first),
        firstLast: entry[2][0],
        chunk: function (index) {
          return index === 0 ? Promise.resolve(first) : get("c/" + gramKey(gram) + "-" + index).then(decode);
        },
      };
    }

    function entryOf(data, gram) {
      var shard = crc32(gram) % data.shards;
      // own keys only: a query of "constructor" must not find Object.prototype's
      return get("g/" + shard).then(function (entries) {
        return Object.prototype.hasOwnProperty.call(entries, gram) ? entries[gram] : null;
      });
    }

    // Every result of a query, newest first, found lazily: next(n) gives up to n more.
    function query(text, filters) {
      filters = filters || {};
      var wanted = terms(text);
      var state = {done: false, driver: null, others: [], chunk: 0, pending: [], data: null};
      var prepared = ready().then(function (data) {
        state.data = data;
        var grams = [];
        wanted.forEach(function (term) {
          gramsOf(term).forEach(function (g) { if (grams.indexOf(g) < 0) grams.push(g); });
        });
        if (filters.theme) grams.push(THEME_GRAM + filters.theme);
        if (filters.department) grams.push(DEPARTMENT_GRAM + filters.department);
        if (!grams.length) { state.done = true; return; }
        return Promise.all(grams.map(function (g) { return entryOf(data, g); })).then(function (entries) {
          if (entries.some(function (e) { return e === null; })) { state.done = true; return; }
          var lists = entries.map(function (e, k) { return postingList(grams[k], e); });
          lists.sort(function (a, b) { return a.count - b.count; });
          state.driver = lists[0];
          state.others = lists.slice(1);
        });
      });

      // A candidate stays if the filters allow its notice and no other gram's first chunk rules it out.
      function keep(task) {
        var data = state.data;
        var notice = noticeOf(data.startList, task);
        if (filters.year && String(data.years[notice]) !== String(filters.year)) return false;
        if (filters.issuer && data.issuerNames[data.issuers[notice]] !== filters.issuer) return false;
        return state.others.every(function (list) { return task > list.firstLast || list.firstSet.has(task); });
      }

      // Candidates checked against their notice's text: every term must occur in it.
      function check(batch) {
        var data = state.data;
        var byNotice = {};
        batch.forEach(function (task) {
          var notice = noticeOf(data.startList, task);
          (byNotice[notice] = byNotice[notice] || []).push(task);
        });
        var notices = Object.keys(byNotice).map(Number).sort(function (a, b) { return a - b; });
        return Promise.all(notices.map(function (n) { return get("n/" + n); })).then(function (pieces) {
          var found = [];
          notices.forEach(function (n, k) {
            var piece = pieces[k];
            byNotice[n].forEach(function (task) {
              var row = piece.tasks[task - data.startList[n]];
              var body = normalise(row[2]);
              if (!wanted.every(function (term) { return body.indexOf(term) >= 0; })) return;
              if (filters.theme && row[3].indexOf(filters.theme) < 0) return;
              if (filters.department && row[4].indexOf(filters.department) < 0) return;
              found.push({task: task, notice: n, noticeTitle: piece.title, url: piece.url, anchor: row[0],
                          heading: row[1], text: row[2], themes: row[3], departments: row[4], year: piece.year,
                          issuer: piece.issuer, excerpt: piece.excerpt});
            });
          });
          return found;
        });
      }

      function candidates(count) {
        if (state.pending.length >= count || state.chunk >= state.driver.chunks) {
          return Promise.resolve(state.pending.splice(0, count));
        }
        return state.driver.chunk(state.chunk++).then(function (tasks) {
          state.pending = state.pending.concat(tasks.filter(keep));
          return candidates(count);
        });
      }

      function next(count) {
        return prepared.then(function () {
          var out = [];
          function step() {
            if (state.done || out.length >= count) return Promise.resolve(out);
            return candidates(Math.max(count - out.length, 20)).then(function (batch) {
              if (!batch.length) { state.done = true; return out; }
              return check(batch).then(function (found) { out = out.concat(found); return step(); });
            });
          }
          return step();
        });
      }

      return {next: next, isDone: function () { return state.done; }, terms: wanted};
    }

    function all(text, filters) {
      var search = query(text, filters);
      var results = [];
      function more() {
        return search.next(500).then(function (found) {
          results = results.concat(found);
          return search.isDone() ? results : more();
        });
      }
      return more();
    }

    return {query: query, all: all, manifest: ready};
  }

  // --- in the browser --------------------------------------------------------------------

  function scriptLoader(base) {
    var waiting = Object.create(null);
    api.piece = function (name, data) {
      var resolve = waiting[name];
      delete waiting[name];
      if (resolve) resolve(data);
    };
    return function (name) {
      return new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var script = document.createElement("script");
        script.src = base + "search/" + name + ".js";
        script.async = true;
        script.onerror = function () { delete waiting[name]; reject(new Error("search piece " + name)); };
        script.onload = function () { script.remove(); };
        document.head.appendChild(script);
      });
    };
  }

  var api = root.workplansSearch = root.workplansSearch || {};
  api.createSearch = createSearch;
  api.normalise = normalise;
  api.terms = terms;
  api.gramsOf = gramsOf;
  api.crc32 = crc32;
  api.decode = decode;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  var own = document.currentScript && document.currentScript.src;
  var base = own ? own.replace(/assets\/javascripts\/workplans-search\.js.*$/, "") : "./";
  api.base = base;
  api.load = scriptLoader(base);  // one loader per page: the "any two plans" page shares it
  api.engine = createSearch(api.load);
})(typeof window !== "undefined" ? window : globalThis);
