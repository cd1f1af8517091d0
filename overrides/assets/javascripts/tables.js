/* A table wider than the screen says so: a line above it ("scroll sideways") and a fading right
   edge until the reader has scrolled to its end. Material lets wide tables scroll inside the
   page (.md-typeset__scrollwrap); on a phone nothing else shows that there is more. */
(function () {
  "use strict";

  var meta = document.querySelector("meta[name=handbook-table-scroll]");  /* page language */
  var hintText = meta ? meta.content : "→";

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
