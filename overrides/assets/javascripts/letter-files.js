/* Letter downloads from the offline bundle (file://), where browsers ignore a link's download
   attribute and open the file in the tab instead. There the page makes the file itself: the Word
   document from the copy embedded in its link, the text file from the letter on the page (UTF-8
   with a BOM and Windows line endings, like the .txt on a server). Over HTTP the links work as
   they are. `HandbookFiles.save` also saves the files the
   incident page makes (incident.js, incident-documents.js), over HTTP and from file:// alike. */
(function () {
  "use strict";

  function save(name, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  window.HandbookFiles = { save: save };

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-letter-file]");
    if (!link || location.protocol !== "file:") return;
    event.preventDefault();
    var name = link.getAttribute("download");
    if (link.dataset.base64) {
      var binary = atob(link.dataset.base64);
      var bytes = new Uint8Array(binary.length);
      for (var n = 0; n < binary.length; n += 1) bytes[n] = binary.charCodeAt(n);
      save(name, new Blob([bytes], { type: link.type }));
    } else {
      var text = link.closest(".letter").querySelector(".letter__text code").textContent;
      save(name, new Blob(["\ufeff" + text.replace(/\r?\n/g, "\r\n")], { type: "text/plain;charset=utf-8" }));
    }
  });
})();
