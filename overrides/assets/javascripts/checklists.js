/* Checklists: remember ticks (with their time) in localStorage, per checklist and language;
   show progress; export to clipboard + text file; reset after confirmation.
   No framework; works from file:// and with Material's page loading. */
(function () {
  "use strict";

  /* The stored ticks: {itemId: ISO time}. Anything else under the key (a value from another
     version, a damaged one) is cleared and reported, never allowed to break the checklist. */
  function load(key) {
    var raw = null;
    try {
      raw = localStorage.getItem(key);
    } catch (error) {
      return { state: {}, corrupt: false }; /* storage blocked: nothing to read */
    }
    if (raw === null) return { state: {}, corrupt: false };
    var parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      parsed = undefined;
    }
    if (parsed === null) return { state: {}, corrupt: false }; /* stored empty */
    var state = {};
    var valid = typeof parsed === "object" && !Array.isArray(parsed);
    if (valid) {
      Object.keys(parsed).forEach(function (id) {
        if (typeof parsed[id] === "string" && !isNaN(Date.parse(parsed[id]))) {
          state[id] = parsed[id];
        } else {
          valid = false;
        }
      });
    }
    if (!valid) {
      try { localStorage.removeItem(key); } catch (error) { /* nothing more to do */ }
    }
    return { state: state, corrupt: !valid };
  }

  /* true when the browser kept the ticks; false when it refused (full, private mode, blocked). */
  function save(key, state) {
    try {
      localStorage.setItem(key, JSON.stringify(state));
      return true;
    } catch (error) {
      return false;
    }
  }

  function stamp(date, lang) {
    return date.toLocaleString(lang === "ja" ? "ja-JP" : "en-GB", {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"
    });
  }

  /* The print date as the rest of the site writes dates: 2026-11-29. */
  function isoDay(date) {
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function setup(root) {
    var key = root.dataset.checklist;
    var lang = root.dataset.lang;
    var items = Array.prototype.slice.call(root.querySelectorAll("[data-item]"));
    var status = root.querySelector("[data-checklist-status]");
    var loaded = load(key);
    var state = loaded.state;

    /* Said at once and left in place: a manager must not believe ticks are kept when they are not. */
    function warn(message) {
      status.textContent = message;
      root.classList.add("checklist--unsaved");
    }

    function render() {
      var done = 0;
      items.forEach(function (item) {
        var ticked = blank ? undefined : state[item.dataset.item];
        var time = item.querySelector("[data-checklist-time]");
        item.querySelector("input").checked = Boolean(ticked);
        item.classList.toggle("checklist__item--done", Boolean(ticked));
        time.textContent = "";
        if (ticked) {
          var when = document.createElement("time");
          when.setAttribute("datetime", ticked);
          when.textContent = stamp(new Date(ticked), lang);
          time.appendChild(when);
          done += 1;
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
      if (blank) setBlank(false);
      if (event.target.checked) {
        state[item.dataset.item] = new Date().toISOString();
      } else {
        delete state[item.dataset.item];
      }
      if (!save(key, state)) warn(root.dataset.msgUnsaved);
      render();
    });

    root.querySelector("[data-checklist-reset]").addEventListener("click", function () {
      if (!window.confirm(root.dataset.msgConfirm)) return;
      state = {};
      if (!save(key, state)) warn(root.dataset.msgUnsaved);
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
        state = load(key).state;
        render();
      }
    });

    renderers.push(render);
    render();
    if (loaded.corrupt) warn(root.dataset.msgCorrupt);
  }

  /* Printing blank (a drill, a new incident): every checklist of the page shows no ticks while
     it prints, and its ticks come back afterwards; nothing stored changes. */
  var blank = false;
  var renderers = [];
  function setBlank(value) {
    blank = value;
    renderers.forEach(function (render) { render(); });
  }
  window.addEventListener("afterprint", function () {
    if (blank) setBlank(false);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print], [data-print-blank]");
    if (!button) return;
    if (button.hasAttribute("data-print-blank")) setBlank(true);
    window.print();
  });

  function printDate() {
    var today = isoDay(new Date());
    document.querySelectorAll("[data-checklist-today]").forEach(function (time) {
      time.textContent = today;
    });
  }

  /* A page left open overnight prints today's date, not the day it was opened. */
  window.addEventListener("beforeprint", printDate);

  function init() {
    printDate();
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
