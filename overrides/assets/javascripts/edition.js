/* The edition's own script, kept small: Material does everything else.
 *
 * 1. Moved anchors: a citation of page.html#p-76 made before an anchor moved
 *    is sent on to its new place (map: anchor-redirects.js, generated from
 *    data/anchors-moved.yml; a fragment never reaches a web server).
 * 2. "Cite this page": cite the printed page (or, in a source without pages,
 *    the paragraph) at the reader's place, with its public address. The build
 *    computes every label (build_tools/cite.py renders the templates, the
 *    anchors carry what to cite); this script only finds the place.
 * 3. "Show editorial changes": marks each place the converter changed the
 *    source (data from the build: build_tools/write/changes.py), with the
 *    source's reading on hover or focus and a link to its apparatus entry.
 *    Off by default; the choice is remembered across pages (localStorage,
 *    which also works from file://).
 * (And a name for Material's search dialog, which lacks one.)
 *
 * Plain ES5-style script, no modules: it must also run from file://.
 */
(function () {
  "use strict";

  // The site's root, from this script's own address (assets/javascripts/).
  var script = document.currentScript;
  var root = script ? new URL("../../", script.src).href : null;

  function pagePath() {
    var here = location.href.split("#")[0].split("?")[0];
    return root && here.indexOf(root) === 0 ? decodeURI(here.slice(root.length)) : null;
  }

  /* 1. Moved anchors ------------------------------------------------------ */

  function followMovedAnchor() {
    var moved = window.__edition_moved || {};
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!id || document.getElementById(id)) return;
    var target = moved[pagePath() + "#" + id];
    if (!target) return;
    // Only ever to a page of this edition (the build checks the map too).
    var url = new URL(target, root).href;
    if (url.indexOf(root) === 0) location.replace(url);
  }
  followMovedAnchor();
  window.addEventListener("hashchange", followMovedAnchor);

  /* Material's search dialog has no accessible name: give it its input's. */
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input[aria-label]");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  }

  /* 3. Show editorial changes --------------------------------------------- */

  var STORED = "edition.showChanges";

  function remembered() {
    try { return window.localStorage.getItem(STORED) === "1"; } catch (e) { return false; }
  }

  function remember(on) {
    try { window.localStorage.setItem(STORED, on ? "1" : "0"); } catch (e) { /* private mode: not kept */ }
  }

  // The text of an element, spaces collapsed as the build collapses them,
  // with where each character is in the page: [text node, offset].
  function textIndex(element) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, null);
    var text = "", at = [], node, space = true;
    while ((node = walker.nextNode())) {
      var value = node.nodeValue;
      for (var i = 0; i < value.length; i++) {
        var blank = /\s/.test(value.charAt(i));
        if (blank && space) continue;
        text += blank ? " " : value.charAt(i);
        at.push([node, i]);
        space = blank;
      }
    }
    return { text: text, at: at };
  }

  function overlaps(taken, start, end) {
    for (var k = 0; k < taken.length; k++) {
      if (start < taken[k][1] && taken[k][0] < end) return true;
    }
    return false;
  }

  // Where the change is in its paragraph: [start, end] in the index, or null.
  function findChange(index, change, taken) {
    var reading = change[1], from = 0, found;
    while ((found = index.text.indexOf(reading, from)) >= 0) {
      var start = found + change[2], end = found + change[3];
      if (!overlaps(taken, start, Math.max(end, start + 1))) return [start, end];
      from = found + 1;
    }
    return null;
  }

  function sourceSays(change) {
    return change[5] + (change[4] ? ": the source reads \u201c" + change[4] + "\u201d" : ": not in the source");
  }

  function changeLink(change) {
    var link = document.createElement("a");
    link.className = "edition-change__link";
    link.href = notesPage + "#" + change[6];
    link.title = sourceSays(change);
    link.setAttribute("aria-label", "Editorial change, " + sourceSays(change));
    link.textContent = "\u2020";
    return link;
  }

  // Wrap each text node's part of [start, end) in a mark (a mark never
  // crosses an element, so nothing else on the page is split or copied).
  function markRange(index, start, end, change) {
    var pieces = [], k = start;
    while (k < end) {
      var node = index.at[k][0], first = index.at[k][1], last = first;
      while (k + 1 < end && index.at[k + 1][0] === node) { k++; last = index.at[k][1]; }
      pieces.push([node, first, last + 1]);
      k++;
    }
    var marks = [];
    for (var p = pieces.length - 1; p >= 0; p--) {
      var range = document.createRange();
      range.setStart(pieces[p][0], pieces[p][1]);
      range.setEnd(pieces[p][0], pieces[p][2]);
      var mark = document.createElement("mark");
      mark.className = "edition-change";
      mark.setAttribute("data-source", sourceSays(change));
      range.surroundContents(mark);
      marks.unshift(mark);
    }
    return marks;
  }

  function placeLink(link, after) {
    // Never a link inside a link (a person's name, a term): after it.
    var outer = after.parentNode.closest ? after.parentNode.closest("a:not(.para):not(.page-break)") : null;
    var anchor = outer || after;
    anchor.parentNode.insertBefore(link, anchor.nextSibling);
  }

  function markChanges(changes) {
    var byParagraph = {};
    changes.forEach(function (change) {
      (byParagraph[change[0]] = byParagraph[change[0]] || []).push(change);
    });
    Object.keys(byParagraph).forEach(function (anchor) {
      var opening = document.getElementById(anchor);
      if (!opening) return;
      // A paragraph's anchor opens it; a heading is its own anchor.
      var paragraph = /^H[1-6]$/.test(opening.tagName) ? opening : opening.parentNode;
      var index = textIndex(paragraph), taken = [], placed = [], unplaced = [];
      byParagraph[anchor].forEach(function (change) {
        var span = findChange(index, change, taken);
        if (span) { taken.push([span[0], Math.max(span[1], span[0] + 1)]); placed.push([span, change]); }
        else unplaced.push(change);
      });
      // From the last to the first: marking splits text nodes after the places still to mark.
      placed.sort(function (a, b) { return b[0][0] - a[0][0]; });
      placed.forEach(function (item) {
        var span = item[0], change = item[1], link = changeLink(change);
        if (span[1] > span[0]) {
          var marks = markRange(index, span[0], span[1], change);
          marks[0].tabIndex = 0;
          placeLink(link, marks[marks.length - 1]);
        } else {
          var point = index.at[span[0]] || index.at[index.at.length - 1];
          var rest = point[0].splitText(point[1]);
          rest.parentNode.insertBefore(link, rest);
        }
      });
      // A change the text no longer shows word for word: marked at its paragraph.
      unplaced.forEach(function (change) {
        var link = changeLink(change);
        link.classList.add("edition-change__link--paragraph");
        if (paragraph === opening) opening.appendChild(link);
        else paragraph.insertBefore(link, opening.nextSibling);
      });
    });
  }

  var changeData = document.querySelector(".edition-changes[data-changes]");
  var heading = document.querySelector(".md-content article h1");
  var notesPage = "editorial-notes.html";
  if (changeData && heading) {
    var changes = JSON.parse(changeData.getAttribute("data-changes"));
    var marked = false;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "edition-changes-toggle md-button";
    toggle.textContent = "Show editorial changes (" + changes.length + ")";
    var show = function (on) {
      if (on && !marked) { markChanges(changes); marked = true; }
      document.body.classList.toggle("edition-changes-on", on);
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      Array.prototype.forEach.call(document.querySelectorAll("mark.edition-change[tabindex]"), function (m) {
        m.tabIndex = on ? 0 : -1;
      });
    };
    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-pressed") !== "true";
      remember(on);
      show(on);
    });
    heading.parentNode.insertBefore(toggle, heading.nextSibling);
    show(remembered());
  }

  /* 2. Cite this page ----------------------------------------------------- */

  var box = document.querySelector(".edition-cite");
  if (!box) return;

  // The places a reader can be at, in the order of the page, each with the
  // label to cite there, computed by the build: page breaks (data-cite: "76",
  // or "149?" for an approximate one) and paragraphs (data-cite-page: the
  // page the paragraph begins on, which matters for notes printed pages away
  // from the text; data-cite-para: its number, in a source without pages).
  var byPage = box.dataset.unit !== "paragraph";
  var markers = Array.prototype.slice.call(document.querySelectorAll(byPage
    ? ".md-content a.page-break[data-cite], .md-content a.para[data-cite-page]"
    : ".md-content a.para[data-cite-para]"));
  function labelOf(marker) {
    return byPage ? (marker.dataset.cite || marker.dataset.citePage) : marker.dataset.citePara;
  }
  var styles = Array.prototype.slice.call(box.querySelectorAll("dd[data-template]"));
  var original = styles.map(function (dd) { return dd.innerHTML; });
  var where = box.querySelector(".edition-cite__where");
  var whereOriginal = where ? where.textContent : "";
  var link = box.querySelector(".edition-cite__link");
  var header = document.querySelector(".md-header");
  var shown = null;

  // The address to cite: the edition's public address (data-url, from
  // extra.edition.base_url), also when the page is read from the offline
  // bundle; without one, the address the page is read at if it is on the web.
  function pageUrl() {
    if (box.dataset.url) return box.dataset.url;
    return /^https?:$/.test(location.protocol) ? location.href.split("#")[0] : "";
  }

  // The reading position: the top of the reading area, where the browser
  // puts a followed link (Material gives :target a scroll margin of the
  // header's height plus 1.2rem), so after opening page.html#p-76 the box
  // cites p. 76.
  function readingTop() {
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    return (header ? header.getBoundingClientRect().bottom : 0) + 1.2 * rem + 8;
  }

  // The last place that begins above the reading position.
  function currentPlace() {
    var top = readingTop();
    var found = null;
    for (var i = 0; i < markers.length; i++) {
      if (markers[i].getBoundingClientRect().top > top) break;
      found = markers[i];
    }
    return found ? { label: labelOf(found), id: found.id } : null;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function fill(template, values) {
    return template.replace(/\{(n|url)\}/g, function (_, name) { return escapeHtml(values[name]); });
  }

  function update() {
    var at = currentPlace();
    var key = at ? at.label + "#" + at.id : "";
    if (key === shown) return;
    shown = key;
    if (!at) {  // above the first place: the part as a whole, as rendered
      styles.forEach(function (dd, i) { dd.innerHTML = original[i]; });
      if (where) where.textContent = whereOriginal;
      if (link) link.hidden = true;
      return;
    }
    var base = pageUrl();
    var url = base ? base + "#" + at.id : "";
    styles.forEach(function (dd) {
      dd.innerHTML = fill(url ? dd.dataset.template : dd.dataset.templateNourl, { n: at.label, url: url });
    });
    if (where) where.textContent = " (" + box.dataset.locatorTemplate.split("{n}").join(at.label) + ")";
    if (link) {
      var a = link.querySelector("a");
      a.href = "#" + at.id;
      a.textContent = url || location.href.split("#")[0] + "#" + at.id;
      link.hidden = false;
    }
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; update(); });
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  window.addEventListener("hashchange", schedule);
  box.addEventListener("toggle", update);
  update();
})();
