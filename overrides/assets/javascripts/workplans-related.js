/* On a notice page: each task's related tasks in other plans ("相关任务"), from the notice's piece
 * (related/<notice>.js, written by build_scripts/render/related.py). The piece is loaded as a script, so
 * it works from file:// as well as over http under any path. The lists are kept out of the page's HTML
 * so that adding a plan rewrites small pieces, not hundreds of pages. Labels are set as text, never as
 * HTML, and only relative addresses of the site's own notice pages are followed. */
(function () {
  "use strict";

  // Another notice's page beside this one, and a task's anchor: nothing else is followed.
  var SAFE_ADDRESS = /^[0-9A-Za-z\u4e00-\u9fff_.-]+\.html#[0-9a-z\u4e00-\u9fff_-]+$/;

  function list(entries) {
    var items = document.createElement("ul");
    entries.forEach(function (entry) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || !SAFE_ADDRESS.test(entry[0])) return;
      var link = document.createElement("a");
      link.href = entry[0];
      link.textContent = String(entry[1]);
      var item = document.createElement("li");
      item.appendChild(link);
      items.appendChild(item);
    });
    return items;
  }

  window.workplansRelated = function (lists) {
    document.querySelectorAll(".related-tasks[data-task]").forEach(function (box) {
      var entries = Object.prototype.hasOwnProperty.call(lists, box.dataset.task) ? lists[box.dataset.task] : null;
      if (!Array.isArray(entries) || !entries.length) return;
      var items = list(entries);
      if (!items.children.length) return;
      var label = document.createElement("p");
      label.textContent = "相关任务：";
      box.replaceChildren(label, items);
    });
  };

  function start() {
    var source = document.querySelector(".related-source[data-related]");
    if (!source) return;
    var script = document.createElement("script");
    script.src = source.getAttribute("data-related");
    document.body.appendChild(script);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
