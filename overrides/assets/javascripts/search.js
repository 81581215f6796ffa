/* The edition's search box, over the index in parts that
 * build_tools/search_index.py writes to search/ (its docstring describes the
 * files and the ranking; the functions below follow its `Index` line for
 * line, and tests/test_search_index.py holds the two to the same results).
 *
 * Each index file is a classic script calling __editionSearch(name, data),
 * loaded with a <script> element when a query needs it: no fetch(), no
 * worker, no module, so it works from file:// as from a web server.
 *
 * The box is Material's (its classes and look): the markup is in
 * overrides/partials/edition-search.html, put into the header here.
 */
(function () {
  "use strict";

  var files = {};
  var waiting = {};
  var loadedNames = [];
  window.__editionSearch = function (name, data) {
    if (!(name in files)) loadedNames.push(name);
    files[name] = data;
  };

  var configElement = document.getElementById("__config");
  var config = configElement ? JSON.parse(configElement.textContent) : {};
  var base = config.base || ".";
  var folder = new URL(base.replace(/\/?$/, "/") + "search/", location.href).href;

  function load(name) {
    if (name in files) return Promise.resolve(files[name]);
    if (!waiting[name]) {
      waiting[name] = new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = folder + name + ".js";
        element.onload = function () {
          if (name in files) resolve(files[name]);
          else reject(new Error(element.src + " did not register " + name));
        };
        element.onerror = function () {
          delete waiting[name];
          reject(new Error("cannot load " + element.src));
        };
        document.head.appendChild(element);
      });
    }
    return waiting[name];
  }

  /* Words, as build_tools/search.py and search_index.py fold and split them. */

  var APOSTROPHES = /[\u2019\u2018\u02bc\u2032`\u00b4]/g;

  function fold(text) {
    if (!/^[\x00-\x7f]*$/.test(text)) text = text.normalize("NFKD").replace(/\p{Mn}/gu, "");
    return text.replace(APOSTROPHES, "'").replace(/[\u201c\u201d]/g, '"').toLowerCase();
  }

  function termsOf(meta, text) {
    var stop = meta.stopSet || (meta.stopSet = new Set(meta.stop));
    var out = [];
    text.split(new RegExp(meta.boundary)).forEach(function (word) {
      if (!word) return;
      var folded = fold(word);
      if (folded && !stop.has(folded)) out.push(folded);
    });
    return out;
  }

  function keyOf(meta, term) {
    return Array.from(term).slice(0, meta.key_length).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }

  function queryWords(meta, query) {
    var seen = [];
    termsOf(meta, query.replace(/[*+^~]/g, " ")).forEach(function (word) {
      if (seen.indexOf(word) < 0) seen.push(word);
    });
    return seen.slice(0, meta.max_words);
  }

  /* [term, weight, term weight, postings file] of the terms one word matches. */
  function matches(meta, dictionary, word) {
    var found = [];
    var exact = dictionary.find(function (row) { return row[0] === word; });
    if (exact) found.push([word, 2, exact[2], exact[3]]);
    if (Array.from(word).length >= meta.min_prefix) {
      var longer = dictionary.filter(function (row) { return row[0] !== word && row[0].startsWith(word); });
      longer.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); });
      longer.slice(0, meta.max_expansions).forEach(function (row) { found.push([row[0], 1, row[2], row[3]]); });
    }
    return found;
  }

  function rank(meta, query) {
    var words = queryWords(meta, query);
    var keys = new Set(meta.keys);
    var wanted = words.filter(function (w) { return keys.has(keyOf(meta, w)); });
    return Promise.all(wanted.map(function (w) { return load("terms/" + keyOf(meta, w)); })).then(function () {
      var perWord = words.map(function (w) {
        return keys.has(keyOf(meta, w)) ? matches(meta, files["terms/" + keyOf(meta, w)], w) : [];
      });
      var names = [];
      perWord.forEach(function (found, i) {
        found.forEach(function (m) { names.push("postings/" + keyOf(meta, words[i]) + "-" + m[3]); });
      });
      return Promise.all(names.map(load)).then(function () {
        var scores = new Map();
        var terms = [];
        perWord.forEach(function (found, i) {
          var best = new Map();
          found.forEach(function (m) {
            terms.push(m[0]);
            var flat = files["postings/" + keyOf(meta, words[i]) + "-" + m[3]][m[0]];
            var number = 0;
            for (var j = 0; j < flat.length; j += 2) {
              number += flat[j];
              var score = m[1] * m[2] * flat[j + 1];
              if (score > (best.get(number) || 0)) best.set(number, score);
            }
          });
          best.forEach(function (score, number) {
            var s = scores.get(number);
            if (!s) scores.set(number, s = [0, 0]);
            s[0] += 1;
            s[1] += score;
          });
        });
        var ranked = Array.from(scores.keys());
        ranked.sort(function (a, b) {
          var x = scores.get(a), y = scores.get(b);
          return y[0] - x[0] || y[1] - x[1] || a - b;
        });
        return {terms: terms, ranked: ranked, scores: scores};
      });
    });
  }

  function groupByPage(ranked, step, pages, hits) {
    var groups = new Map();
    for (var i = 0; i < ranked.length; i++) {
      var page = Math.floor(ranked[i] / step);
      if (!groups.has(page)) {
        if (groups.size === pages) break;
        groups.set(page, []);
      }
      if (groups.get(page).length < hits) groups.get(page).push(ranked[i]);
    }
    return Array.from(groups.values());
  }

  function docFile(meta, number) {
    var step = meta.stride;
    return "docs/" + Math.floor(number / step) + "-" + Math.floor((number % step) / meta.docs_per_file);
  }

  /* {total, terms, pages: [{url, title, source, hits: [{location, kind, text, page, score: [words, score]}]}]} */
  function search(query, pages, wanted) {
    return load("meta").then(function (meta) {
      return rank(meta, query).then(function (found) {
        if (wanted && !wanted()) return null;  // typed on meanwhile: no texts to read for this one
        var shown = groupByPage(found.ranked, meta.stride, pages || meta.pages, meta.hits_per_page);
        var names = [];
        shown.forEach(function (numbers) { numbers.forEach(function (n) { names.push(docFile(meta, n)); }); });
        return Promise.all(names.map(load)).then(function () {
          return {
            total: found.ranked.length,
            terms: found.terms,
            pages: shown.map(function (numbers) {
              var page = files[docFile(meta, numbers[0])].page;
              return {
                url: page[0], title: page[1], source: page[2],
                hits: numbers.map(function (n) {
                  var doc = files[docFile(meta, n)].docs[(n % meta.stride) % meta.docs_per_file];
                  return {location: page[0] + (doc[0] ? "#" + doc[0] : ""), kind: doc[1], text: doc[2],
                    page: doc[3], score: found.scores.get(n)};
                })
              };
            })
          };
        });
      });
    });
  }

  window.editionSearch = {
    search: search,
    loaded: function () { return loadedNames.slice(); },
    folder: folder
  };

  /* The search box ------------------------------------------------------- */

  var template = document.getElementById("edition-search-template");
  var header = document.querySelector(".md-header__inner");
  if (!template || !header) return;
  var box = template.content.cloneNode(true);
  header.insertBefore(box, header.querySelector(".md-header__source"));

  var toggle = document.getElementById("__search");
  var form = header.querySelector(".md-search__form");
  var input = header.querySelector(".md-search__input");
  var status = header.querySelector(".md-search-result__meta");
  var list = header.querySelector(".md-search-result__list");
  var scroller = header.querySelector(".md-search__scrollwrap");
  var words = config.translations || {};
  var asked = null;
  var limit = 0;
  var latest = 0;
  var more = false;

  function say(key, fallback, count) {
    var text = words[key] || fallback;
    return count === undefined ? text : text.replace("#", count);
  }

  function open(on) {
    if (toggle && toggle.checked !== on) {
      toggle.checked = on;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function marked(meta, text, wanted) {
    // Split into words and what separates them, mark the words a query term matched, and keep
    // the few dozen words around the first such word.
    var parts = [];
    var separator = new RegExp(meta.boundary, "g");
    var last = 0, m;
    while ((m = separator.exec(text)) !== null) {
      if (m[0] === "") { separator.lastIndex++; continue; }
      if (m.index > last) parts.push([text.slice(last, m.index), true]);
      parts.push([m[0], false]);
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push([text.slice(last), true]);
    var first = -1;
    parts.forEach(function (p, i) {
      p[2] = p[1] && wanted.has(fold(p[0]));
      if (p[2] && first < 0) first = i;
    });
    var from = Math.max(0, first - 24), to = Math.min(parts.length, Math.max(first, 0) + 80);
    while (from > 0 && !parts[from][1]) from++;  // begin at a word, not at the punctuation before it
    var out = document.createElement("p");
    if (from > 0) out.appendChild(document.createTextNode("… "));
    parts.slice(from, to).forEach(function (p) {
      if (p[2]) {
        var mark = document.createElement("mark");
        mark.textContent = p[0];
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(p[0]));
      }
    });
    if (to < parts.length) out.appendChild(document.createTextNode(" …"));
    return out;
  }

  function link(location) {
    var a = document.createElement("a");
    a.href = base.replace(/\/?$/, "/") + location;
    a.className = "md-search-result__link";
    a.tabIndex = -1;
    return a;
  }

  function render(meta, found) {
    var wanted = new Set(found.terms);
    list.textContent = "";
    found.pages.forEach(function (page) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      page.hits.forEach(function (hit, i) {
        var a = link(hit.location);
        var article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        if (i === 0) {
          article.className += " md-search-result__article--document";
          var icon = document.createElement("div");
          icon.className = "md-search-result__icon md-icon";
          article.appendChild(icon);
          var title = document.createElement("h1");
          title.textContent = page.title;
          article.appendChild(title);
          if (page.source && page.source !== page.title) {
            var source = document.createElement("nav");
            source.className = "md-tags edition-search__source";
            source.textContent = page.source;
            article.appendChild(source);
          }
        }
        var text = marked(meta, hit.text, wanted);
        if (hit.page) {  // the printed page the passage begins on: what a reader cites
          var printed = document.createElement("span");
          printed.className = "edition-search__page";
          printed.textContent = "p. " + hit.page;
          text.insertBefore(printed, text.firstChild);
        }
        article.appendChild(text);
        a.appendChild(article);
        item.appendChild(a);
      });
      list.appendChild(item);
    });
  }

  function run(force) {
    var query = input.value;
    if (query === asked && !force) return;
    if (query !== asked) limit = 0;
    asked = query;
    var ticket = ++latest;
    if (!query.trim()) {
      list.textContent = "";
      status.textContent = say("search.result.placeholder", "Type to start searching");
      return;
    }
    limit = limit || 10;
    var current = function () { return ticket === latest; };
    Promise.all([load("meta"), search(query, limit, current)]).then(function (got) {
      if (!current()) return;  // a later query has been asked meanwhile
      var total = got[1].total;
      status.textContent = total === 0 ? say("search.result.none", "No matching documents")
        : total === 1 ? say("search.result.one", "1 matching document")
        : say("search.result.other", "# matching documents", total);
      more = got[1].pages.length === limit;
      render(got[0], got[1]);
    }, function (error) {
      if (ticket === latest) status.textContent = String(error.message || error);
    });
  }

  input.addEventListener("focus", function () { open(true); });
  input.addEventListener("input", function () { run(false); });
  input.addEventListener("keyup", function () { run(false); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector(".md-search-result__link");
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(false); input.focus(); }, 0);
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) open(false);
  });
  scroller.addEventListener("scroll", function () {
    if (more && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 40) {
      more = false;
      limit += 10;
      run(true);
    }
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
      else input.blur();
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) ||
      document.activeElement.isContentEditable;
    if (event.key === "Escape" && toggle && toggle.checked) {
      open(false);
      input.blur();
    } else if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      input.focus();
    }
  });

  // ?q=... opens the search with that query, as Material's did.
  var asking = new URLSearchParams(location.search).get("q");
  if (asking) {
    input.value = asking;
    open(true);
    run(false);
  }
})();
