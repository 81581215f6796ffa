/* The edition's own script, kept small: Material does everything else.
 *
 * 1. Moved anchors: a citation of page.html#p-76 made before an anchor moved
 *    is sent on to its new place (map: anchor-redirects.js, generated from
 *    data/anchors-moved.yml; a fragment never reaches a web server).
 * 2. "Cite this page": cite the printed page (or, in a source without pages,
 *    the paragraph) at the reader's place, with its public address. The build
 *    computes every label (build_tools/cite.py renders the templates, the
 *    anchors carry what to cite); this script only finds the place.
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
