/* The edition's own script, kept small: Material does everything else.
 *
 * 1. Moved anchors: a citation of page.html#p-76 made before an anchor moved
 *    is sent on to its new place (map: anchor-redirects.js, generated from
 *    data/anchors-moved.yml; a fragment never reaches a web server).
 * 2. "Cite this page": cite the printed page at the top of the window, with
 *    its address (build_tools/cite.py renders the templates).
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

  // Page breaks, and paragraph anchors whose id names the printed page the
  // paragraph starts on (para-238-11): notes gathered at the end of a
  // chapter were printed pages away from the last page break of its text.
  var PARA_PAGE = /^para-(\d+|[ivxlc]+)-\d+$/;
  var markers = Array.prototype.slice.call(
    document.querySelectorAll(".md-content a.page-break[data-page], .md-content a.para[id]"));
  var hasPages = markers.some(function (m) { return m.dataset.page; });
  markers = markers.filter(function (m) { return m.dataset.page || (hasPages && PARA_PAGE.test(m.id)); });
  function pageOf(marker) {
    return marker.dataset.page || PARA_PAGE.exec(marker.id)[1];
  }
  var styles = Array.prototype.slice.call(box.querySelectorAll("dd[data-template]"));
  var original = styles.map(function (dd) { return dd.innerHTML; });
  var where = box.querySelector(".edition-cite__where");
  var whereOriginal = where ? where.textContent : "";
  var link = box.querySelector(".edition-cite__link");
  var header = document.querySelector(".md-header");
  var shown = null;

  // The address to cite: the configured public address (data-url), else the
  // one the page was read at when that is a web address.
  function pageUrl() {
    if (box.dataset.url) return box.dataset.url;
    return /^https?:$/.test(location.protocol) ? location.href.split("#")[0] : "";
  }

  // The printed page at the top of the reading area: the last page break
  // above it, or the page the part starts on. The reading area starts where
  // the browser puts a followed link: Material gives :target a scroll margin
  // of the header's height plus 1.2rem, so after opening page.html#p-76 the
  // box cites p. 76.
  function readingTop() {
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    return (header ? header.getBoundingClientRect().bottom : 0) + 1.2 * rem + 8;
  }

  function currentPage() {
    var top = readingTop();
    var found = null;
    for (var i = 0; i < markers.length; i++) {
      if (markers[i].getBoundingClientRect().top > top) break;
      found = markers[i];
    }
    if (found) {
      // Link to the page's own anchor when this page has one (#p-76).
      var page = pageOf(found);
      return { page: page, id: document.getElementById("p-" + page) ? "p-" + page : found.id };
    }
    var first = box.dataset.firstPage;
    if (!first) return null;
    var marker = document.getElementById("p-" + first);
    return { page: first, id: marker ? marker.id : "" };
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function update() {
    var at = currentPage();
    var key = at ? at.page + "#" + at.id : "";
    if (key === shown) return;
    shown = key;
    if (!at) {  // the whole work: the box as rendered
      styles.forEach(function (dd, i) { dd.innerHTML = original[i]; });
      if (where) where.textContent = whereOriginal;
      if (link) link.hidden = true;
      return;
    }
    var base = pageUrl();
    var url = base && at.id ? base + "#" + at.id : base;
    styles.forEach(function (dd) {
      var template = url ? dd.dataset.template : dd.dataset.templateNourl;
      dd.innerHTML = template.split("{page}").join(escapeHtml(at.page))
                             .split("{url}").join(escapeHtml(url));
    });
    if (where) where.textContent = " (p. " + at.page + ")";
    if (link) {
      var a = link.querySelector("a");
      a.href = "#" + (at.id || "");
      a.textContent = url || location.href.split("#")[0] + (at.id ? "#" + at.id : "");
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
