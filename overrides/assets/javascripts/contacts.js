/* A printed page lists everyone to call: the folded rest of the escalation chain (contacts box,
   handbook/templates/contacts_box.html) opens for printing and folds again afterwards. */
(function () {
  "use strict";

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.contacts-box__more:not([open])").forEach(function (more) {
      more.open = true;
      opened.push(more);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (more) { more.open = false; });
    opened = [];
  });
})();
