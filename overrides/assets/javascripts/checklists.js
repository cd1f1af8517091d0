/* Checklists: remember ticks (with their time) in localStorage, per checklist and language;
   show progress; export to clipboard + text file; reset after confirmation.
   No framework; works from file:// and with Material's page loading. */
(function () {
  "use strict";

  function load(key) {
    try {
      return JSON.parse(localStorage.getItem(key)) || {};
    } catch (error) {
      return {};
    }
  }

  function save(key, state) {
    try {
      localStorage.setItem(key, JSON.stringify(state));
    } catch (error) {
      /* storage full or disabled: ticks still work for this visit */
    }
  }

  function stamp(date, lang) {
    return date.toLocaleString(lang === "ja" ? "ja-JP" : "en-GB", {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"
    });
  }

  function day(date, lang) {
    return date.toLocaleDateString(lang === "ja" ? "ja-JP" : "en-GB", {
      year: "numeric", month: "2-digit", day: "2-digit"
    });
  }

  function setup(root) {
    var key = root.dataset.checklist;
    var lang = root.dataset.lang;
    var items = Array.prototype.slice.call(root.querySelectorAll("[data-item]"));
    var status = root.querySelector("[data-checklist-status]");
    var state = load(key);

    function render() {
      var done = 0;
      items.forEach(function (item) {
        var ticked = state[item.dataset.item];
        var time = item.querySelector("[data-checklist-time]");
        item.querySelector("input").checked = Boolean(ticked);
        item.classList.toggle("checklist__item--done", Boolean(ticked));
        time.textContent = ticked ? stamp(new Date(ticked), lang) : "";
        if (ticked) {
          time.setAttribute("datetime", ticked);
          done += 1;
        } else {
          time.removeAttribute("datetime");
        }
      });
      root.querySelector("[data-checklist-done]").textContent = String(done);
    }

    function text() {
      var now = new Date();
      var lines = [root.dataset.title, root.dataset.company,
        root.dataset.msgExported + ": " + stamp(now, lang),
        root.dataset.msgProgress + ": " + root.querySelector("[data-checklist-done]").textContent +
          "/" + items.length, ""];
      items.forEach(function (item) {
        var ticked = state[item.dataset.item];
        var label = item.querySelector("label").textContent.trim();
        lines.push((ticked ? "[x] " : "[ ] ") + label + (ticked ? " (" + stamp(new Date(ticked), lang) + ")" : ""));
      });
      return lines.join("\n") + "\n";
    }

    function download(content) {
      var now = new Date();
      var pad = function (n) { return String(n).padStart(2, "0"); };
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([content], { type: "text/plain;charset=utf-8" }));
      link.download = root.id.replace(/^checklist-/, "") + "-" + lang + "-" + now.getFullYear() +
        pad(now.getMonth() + 1) + pad(now.getDate()) + "-" + pad(now.getHours()) + pad(now.getMinutes()) + ".txt";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    root.addEventListener("change", function (event) {
      var item = event.target.closest("[data-item]");
      if (!item) return;
      if (event.target.checked) {
        state[item.dataset.item] = new Date().toISOString();
      } else {
        delete state[item.dataset.item];
      }
      save(key, state);
      render();
    });

    root.querySelector("[data-checklist-reset]").addEventListener("click", function () {
      if (!window.confirm(root.dataset.msgConfirm)) return;
      state = {};
      save(key, state);
      render();
    });

    root.querySelector("[data-checklist-export]").addEventListener("click", function () {
      var content = text();
      download(content);
      var copied = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(content)
        : Promise.reject(new Error("no clipboard"));
      copied.then(function () {
        status.textContent = root.dataset.msgCopied;
      }, function () {
        status.textContent = root.dataset.msgSaved;
      });
    });

    /* Another tab ticked something: follow it. */
    window.addEventListener("storage", function (event) {
      if (event.key === key) {
        state = load(key);
        render();
      }
    });

    render();
  }

  function init() {
    var today = day(new Date(), document.documentElement.lang);
    document.querySelectorAll("[data-checklist-today]").forEach(function (time) {
      time.textContent = today;
    });
    document.querySelectorAll("[data-checklist]").forEach(function (root) {
      if (!root.dataset.ready) {
        root.dataset.ready = "true";
        setup(root);
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); /* Material: runs on every page it shows */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
