/* A table wider than the screen says so: a line above it ("scroll sideways") and a fading right
   edge until the reader has scrolled to its end; it can be scrolled from the keyboard too. Material lets wide tables scroll inside the
   page (.md-typeset__scrollwrap); on a phone nothing else shows that there is more. */
(function () {
  "use strict";

  var meta = document.querySelector("meta[name=handbook-table-scroll]");  /* page language */
  var hintText = meta ? meta.content : "→";

  /* Each scrolling table is a region of its own, named after the section it is in. */
  function label(wrap) {
    var section = "";
    document.querySelectorAll("article :is(h1, h2, h3, h4)").forEach(function (heading) {
      if (heading.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING) {
        section = heading.textContent.replace("¶", "").trim();
      }
    });
    var name = section ? section + ": " + hintText : hintText;
    var taken = 1;
    document.querySelectorAll(".md-typeset__scrollwrap[aria-label]").forEach(function (other) {
      if (other !== wrap && other.getAttribute("aria-label").indexOf(name) === 0) taken += 1;
    });
    return taken > 1 ? name + " (" + taken + ")" : name;
  }

  function update(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    var hint = wrap.previousElementSibling;
    var hasHint = hint && hint.classList.contains("table-scroll-hint");
    if (wide && !hasHint) {
      hint = document.createElement("p");
      hint.className = "table-scroll-hint";
      hint.textContent = hintText;
      wrap.parentNode.insertBefore(hint, wrap);
    } else if (!wide && hasHint) {
      hint.remove();
    }
    /* A region that scrolls must be reachable from the keyboard (arrow keys scroll it). */
    if (wide && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label(wrap));
    } else if (!wide && wrap.hasAttribute("tabindex")) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
    wrap.classList.toggle("table-scroll--more", wide && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1);
  }

  function updateAll() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(update);
  }

  document.addEventListener("scroll", function (event) {
    if (event.target.classList && event.target.classList.contains("md-typeset__scrollwrap")) update(event.target);
  }, true);
  window.addEventListener("resize", updateAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", updateAll);
  else updateAll();
})();
