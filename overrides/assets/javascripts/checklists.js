/* Checklists: remember ticks (with their time) in the open incident of the incident file, per
   checklist; show progress; export to clipboard + text file; reset after confirmation.
   No framework; works from file:// and with Material's page loading. */
(function () {
  "use strict";

  /* Ticks belong to the open incident of the incident file (incident-store.js): {itemId: ISO time}
     per checklist. A tick made while no incident is open starts one. */
  var store = window.HandbookIncidents;

  /* Ticks kept by earlier versions, one key per checklist and language ("<scope>:ja:<slug>"), go
     once into an incident of their own, with the earlier time where both languages had one. */
  function migrate() {
    if (store.read().migrated) return;
    var pattern = new RegExp("^" + store.scope.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ":(?:ja|en):([a-z0-9-]+)$");
    var ticks = {};
    var found = [];
    try {
      for (var n = 0; n < localStorage.length; n += 1) {
        var match = pattern.exec(localStorage.key(n));
        if (!match) continue;
        found.push(match[0]);
        var old = JSON.parse(localStorage.getItem(match[0]) || "null");
        if (!old || typeof old !== "object") continue;
        Object.keys(old).forEach(function (item) {
          var time = old[item];
          if (typeof time !== "string" || isNaN(Date.parse(time)) || !/^[a-z0-9-]{1,60}$/.test(item)) return;
          var list = ticks[match[1]] = ticks[match[1]] || {};
          if (!list[item] || time < list[item]) list[item] = time;
        });
      }
    } catch (error) {
      return; /* storage blocked or damaged: try again next time */
    }
    if (!found.length) return;
    store.update(function (data) {
      if (data.migrated) return; /* another tab did it */
      data.migrated = true;
      if (!Object.keys(ticks).length) return;
      var incident = store.create(data);
      incident.ticks = ticks;
      incident.migrated = true;
    });
    if (store.saved) found.forEach(function (key) { localStorage.removeItem(key); });
  }

  function stamp(date, lang) {
    return date.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", lang === "ja"
      ? { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }
      : { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }); /* Dec 4, 3:00 PM */
  }

  /* The print date as the rest of the site writes dates: 2026-11-29. */
  function isoDay(date) {
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function setup(root) {
    var slug = root.id.replace(/^checklist-/, "");
    var lang = root.dataset.lang;
    var items = Array.prototype.slice.call(root.querySelectorAll("[data-item]"));
    var status = root.querySelector("[data-checklist-status]");
    var owner = root.querySelector("[data-checklist-incident]");
    var state = {};

    function load() {
      var incident = store.current(store.read());
      state = (incident && incident.ticks[slug]) || {};
      owner.querySelector("a").textContent = incident ? store.label(incident) : owner.dataset.new;
    }

    /* Change this checklist's ticks in the open incident (a new one if none is open). */
    function change(edit) {
      store.update(function (data) {
        var incident = store.current(data) || store.create(data);
        edit(incident.ticks[slug] = incident.ticks[slug] || {});
      });
      if (!store.saved) warn(root.dataset.msgUnsaved); /* the write itself redrew (store.onChange) */
    }

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
      var checked = event.target.checked;
      change(function (ticks) {
        if (checked) ticks[item.dataset.item] = store.now().toISOString();
        else delete ticks[item.dataset.item];
      });
    });

    root.querySelector("[data-checklist-reset]").addEventListener("click", function () {
      if (!window.confirm(root.dataset.msgConfirm)) return;
      change(function (ticks) {
        Object.keys(ticks).forEach(function (id) { delete ticks[id]; });
      });
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

    /* Another tab (or the incident page) changed the record: follow it. */
    store.onChange(function () {
      load();
      render();
    });

    renderers.push(render);
    load();
    render();
    if (store.corrupt) warn(root.dataset.msgCorrupt);
    if (!store.saved) warn(root.dataset.msgUnsaved);
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
    migrate();
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
