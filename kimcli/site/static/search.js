/* kim site search: a progressive enhancement. Without this script the search form stays
   hidden and every page still reads. The index is kim's own (search-index.js, written by
   `kim site`), loaded as a script on first use, so that it works from file:// too.
   Folding and matching follow kimcli/fuzzy.py and kimcli/query.py: ü = ue = u, ß = ss,
   case ignored, one typo per word forgiven (two in long words). */
(function () {
  "use strict";

  var SPECIAL = { "ß": "ss", "ẞ": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ı": "i" };
  var SPECIAL_RE = /[ßẞæøœłđı]/g;
  var COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var NON_ASCII = /[^\x00-\x7f]/g;
  var TOKEN = /[\p{L}\p{N}_§]+/gu;
  var LIMIT = 20;

  function special(text) {
    return text.replace(SPECIAL_RE, function (c) { return SPECIAL[c]; });
  }

  function foldChar(c) {
    var out = special(c).normalize("NFKD").replace(COMBINING, "");
    return special(out.toLowerCase());
  }

  function fold(text) {
    text = text.toLowerCase();
    text = text.replace(NON_ASCII, foldChar);
    while (/ae|oe|ue/.test(text)) {
      text = text.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
    }
    return text;
  }

  function tokens(text) {
    return fold(text).match(TOKEN) || [];
  }

  /* Optimal string alignment distance (a swap of neighbours counts 1), capped at limit+1. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = [], prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /* Tokens a query word matches, with a quality from 1 (exact) down. */
  function wordMatches(word, vocabulary) {
    var out = {};
    var typo = (word.length <= 3 || /^[0-9]+$/.test(word)) ? 0 : (word.length <= 7 ? 1 : 2);
    for (var k = 0; k < vocabulary.length; k++) {
      var tok = vocabulary[k];
      if (tok === word) out[tok] = 1.0;
      else if (word.length >= 2 && tok.indexOf(word) === 0) out[tok] = 0.85;
      else if (word.length >= 4 && tok.indexOf(word) >= 0) out[tok] = 0.7;
      else if (typo && distance(word, tok, typo) <= typo) out[tok] = 0.6;
      else if (typo && tok.length > word.length &&
               distance(word, tok.slice(0, word.length), 1) <= 1) out[tok] = 0.5;
    }
    return out;
  }

  function search(index, query) {
    var words = [], seen = {};
    tokens(query).forEach(function (w) { if (!seen[w]) { seen[w] = 1; words.push(w); } });
    if (!words.length) return [];
    if (!index.vocabulary) index.vocabulary = Object.keys(index.postings);
    var mask = (1 << index.code_bits) - 1, best = [];
    for (var w = 0; w < words.length; w++) {
      var matches = wordMatches(words[w], index.vocabulary), values = {}, any = false;
      for (var tok in matches) {
        any = true;
        var numbers = index.postings[tok].split(" ");
        for (var n = 0; n < numbers.length; n++) {
          var number = parseInt(numbers[n], 10);
          var record = Math.floor(Math.floor(number / (mask + 1)) / index.stride);
          var value = matches[tok] * index.weights[index.kinds[number & mask]];
          if (!(values[record] >= value)) values[record] = value;
        }
      }
      if (!any) return [];
      best.push(values);
    }
    var hits = [];
    for (var rec in best[0]) {
      var total = 0, all = true;
      for (var b = 0; b < best.length; b++) {
        if (best[b][rec] === undefined) { all = false; break; }
        total += best[b][rec];
      }
      if (all) hits.push([total, +rec]);
    }
    var firstGlossary = index.milestones;
    hits.sort(function (x, y) {
      if (x[0] !== y[0]) return y[0] - x[0];
      var gx = x[1] >= firstGlossary, gy = y[1] >= firstGlossary;
      if (gx !== gy) return gx ? 1 : -1;
      var nx = index.records[x[1]][4], ny = index.records[y[1]][4];
      return nx < ny ? -1 : (nx > ny ? 1 : 0);
    });
    return hits.map(function (h) { return h[1]; });
  }

  /* -- the form ------------------------------------------------------------------------ */

  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = form.querySelector(".status");
  var list = form.querySelector(".results");
  var root = form.getAttribute("data-root") || "";
  var requested = false, waiting = null, timer = null;

  function say(text) { status.textContent = text; }

  function show(query) {
    var index = window.kimSearchIndex;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query.trim()) { say(""); return; }
    if (!index) { waiting = query; say(status.getAttribute("data-loading")); load(); return; }
    var found = search(index, query);
    if (!found.length) { say(status.getAttribute("data-none")); return; }
    say(status.getAttribute("data-count").replace("{count}", String(found.length)));
    found.slice(0, LIMIT).forEach(function (r) {
      var rec = index.records[r];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + rec[0];
      a.textContent = rec[1];
      li.appendChild(a);
      var extra = [rec[2], rec[3]].filter(Boolean).join(" · ");
      if (extra) {
        var small = document.createElement("span");
        small.className = "muted";
        small.textContent = " (" + extra + ")";
        li.appendChild(small);
      }
      list.appendChild(li);
    });
  }

  function load() {
    if (requested) return;
    requested = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-index");
    script.onload = function () { if (waiting !== null) { var q = waiting; waiting = null; show(q); } };
    document.head.appendChild(script);
  }

  form.hidden = false;
  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; show(""); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show(input.value);
    var first = list.querySelector("a");
    if (first) first.focus();
  });

  window.kimSearch = { fold: fold, tokens: tokens, search: search };
})();
