/* Pages that print in more than one version (the tabletop exercise: players' copy without the
   answers, facilitator's copy with them). A button [data-print-mode] names the version; the
   stylesheet hides what that version leaves out (html[data-print-mode] in @media print) until
   the print is done. The browser's own print command prints everything. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print-mode]");
    if (!button) return;
    document.documentElement.setAttribute("data-print-mode", button.getAttribute("data-print-mode"));
    window.print();
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.removeAttribute("data-print-mode");
  });
})();
