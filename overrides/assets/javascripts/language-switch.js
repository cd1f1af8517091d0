/* The language menu keeps the reader's section. Both languages give a section the same anchor
   (handbook/anchors.py), so when a language is picked, its link gets the anchor of the section
   being read: the last heading above the upper third of the screen (at the end of the page, the
   last heading on screen). At the top of the page, the address's own anchor, if any. */
(function () {
  "use strict";

  function sectionInView() {
    if (window.scrollY <= 0) return location.hash.slice(1);
    var headings = document.querySelectorAll("article :is(h2, h3, h4, h5, h6)[id]");
    var atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    var line = atEnd ? window.innerHeight : window.innerHeight / 3;
    var found = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > line) break;
      found = headings[i].id;
    }
    return found;
  }

  function keepSection(event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var url = new URL(link.getAttribute("href"), location.href);
    var section = sectionInView();
    url.hash = section ? "#" + encodeURIComponent(section) : "";
    link.href = url.href;
  }

  /* Capture, so that the address is right before the browser follows it (also for a middle
     click or a link opened from the keyboard). */
  document.addEventListener("click", keepSection, true);
  document.addEventListener("auxclick", keepSection, true);
})();
