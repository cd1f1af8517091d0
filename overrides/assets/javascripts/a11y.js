/* Accessibility repairs to Material's markup that block overrides cannot reach (axe-core
   reports these on every page as shipped):
   - the search dialog gets an accessible name (the search box's own label);
   - section navigation gets the section's name, and the copy of the table of contents inside
     the main navigation stops repeating the sidebar's landmark name;
   - task-list checkboxes in the text are named after their item. */
(function () {
  "use strict";

  function repair() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    var input = document.querySelector("input[data-md-component=search-query]");
    if (dialog && input) dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);

    /* Section navigation is labelled by its expand toggle, which holds only an icon when the
       section has an index page: name the toggle after the section. */
    document.querySelectorAll(".md-nav__container > label.md-nav__link[id]").forEach(function (toggle) {
      var title = toggle.parentNode.querySelector("a.md-nav__link");
      if (title && !toggle.textContent.trim()) {
        var name = document.createElement("span");
        name.className = "visually-hidden";
        name.textContent = title.textContent.trim();
        toggle.appendChild(name);
      }
    });
    /* The page's table of contents is repeated inside the main navigation for small screens. */
    document.querySelectorAll(".md-nav--primary .md-nav--secondary").forEach(function (toc) {
      toc.removeAttribute("aria-label");
      toc.setAttribute("aria-labelledby", toc.previousElementSibling && toc.previousElementSibling.id
        ? toc.previousElementSibling.id : "");
      if (!toc.getAttribute("aria-labelledby")) toc.setAttribute("role", "none");
    });

    document.querySelectorAll(".task-list-item > .task-list-control > input:not([aria-label])").forEach(function (box) {
      box.setAttribute("aria-label", box.closest(".task-list-item").textContent.trim());
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(repair);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
  } else {
    repair();
  }
})();
