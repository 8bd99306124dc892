// orgit site: the search box. The index is a script (assets/search-index.js)
// loaded on first use, since a page opened from file:// cannot fetch files.
// Results are built with DOM calls and textContent only: no HTML from the
// index is ever parsed.
(function () {
  "use strict";
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!input || !list) return;
  var root = input.getAttribute("data-root") || "";
  var loading = false;
  var active = -1;

  function load(then) {
    if (window.ORGIT_SEARCH) { then(); return; }
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () { loading = false; then(); };
    document.head.appendChild(script);
  }

  function matches(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var exact = [], starts = [], rest = [];
    var index = window.ORGIT_SEARCH || [];
    for (var i = 0; i < index.length; i++) {
      var e = index[i];
      var id = e[0].toLowerCase(), hay = id + " " + e[2].toLowerCase();
      var all = true;
      for (var w = 0; w < words.length; w++) if (hay.indexOf(words[w]) < 0) { all = false; break; }
      if (!all) continue;
      if (id === query.toLowerCase()) exact.push(e);
      else if (id.indexOf(words[0]) === 0) starts.push(e);
      else rest.push(e);
    }
    return exact.concat(starts, rest).slice(0, 30);
  }

  function show() {
    var found = matches(input.value.trim());
    list.textContent = "";
    active = -1;
    for (var i = 0; i < found.length; i++) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + found[i][3];
      a.textContent = found[i][2] + " ";
      var code = document.createElement("code");
      code.textContent = found[i][0];
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = found[i][1];
      a.appendChild(code);
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    }
    if (!found.length && input.value.trim()) {
      var none = document.createElement("li");
      none.className = "kind";
      none.textContent = "  nothing matches";
      list.appendChild(none);
    }
    list.hidden = !input.value.trim();
  }

  input.addEventListener("focus", function () { load(function () { if (input.value) show(); }); });
  input.addEventListener("input", function () { load(show); });
  input.addEventListener("keydown", function (event) {
    var links = list.querySelectorAll("a");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!links.length) return;
      if (active >= 0) links[active].classList.remove("active");
      active = (active + (event.key === "ArrowDown" ? 1 : links.length - 1)) % links.length;
      links[active].classList.add("active");
    } else if (event.key === "Enter" && links.length) {
      window.location.href = links[active >= 0 ? active : 0].href;
    } else if (event.key === "Escape") {
      list.hidden = true;
    }
  });
  document.addEventListener("click", function (event) {
    if (!list.contains(event.target) && event.target !== input) list.hidden = true;
  });
})();
