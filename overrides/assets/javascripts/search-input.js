/* Every way text enters the search box updates the results. Material searches on "keyup" only:
   choosing a kanji candidate in an input method (compositionend), pasting, dictation and other
   text inserted without a key (input), and the clear button (reset) would leave old results on
   screen. Each of those is passed on to Material as the keyup it listens for; text still being
   composed in an input method is not searched until it is chosen. */
(function () {
  "use strict";

  var input = document.querySelector("input[data-md-component=search-query]");
  if (!input) return;

  function search() {
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
  }

  input.addEventListener("input", function (event) {
    if (!event.isComposing) search();
  });
  input.addEventListener("compositionend", search);
  if (input.form) {
    input.form.addEventListener("reset", function () { setTimeout(search, 0); });
  }
})();
