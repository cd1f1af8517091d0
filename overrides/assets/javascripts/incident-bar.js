/* The countdown bar on every page while an incident is open: the next update promised to the
   client (the earliest of all open incidents), urgent in its last 15 minutes, overdue after.
   "Update given" keeps the promise in one tap and logs the contact (incident-store.js). */
(function () {
  "use strict";

  var store = window.HandbookIncidents;
  var bar = document.querySelector("[data-incident-bar]");
  if (!store || !bar) return;
  var URGENT = 15 * 60 * 1000;
  var text = bar.querySelector("[data-incident-bar-text]");
  var keep = bar.querySelector("[data-incident-bar-keep]");
  var japanese = bar.dataset.lang === "ja";
  var locale = japanese ? "ja-JP" : "en-US"; /* Dec 4, 3:00 PM: no day and month to confuse */
  var shown = null; /* {incident, promise} on the bar now */

  var fill = store.fill;


  /* 1 h 5 min, or 12 min: a duration as the bar writes it. */
  function span(ms) { return store.span(ms, bar.dataset); }



  /* The time of day, with the date when it is not today. */
  function when(date, now) {
    var options = { hour: japanese ? "2-digit" : "numeric", minute: "2-digit" };
    if (date.toDateString() !== now.toDateString()) {
      options.month = japanese ? "numeric" : "short";
      options.day = "numeric";
    }
    return date.toLocaleString(locale, options);
  }

  /* The open incident whose update is due first; else the current one, or any open one. */
  function pick(data) {
    var open = Object.keys(data.incidents).map(function (id) { return data.incidents[id]; }).filter(store.isOpen);
    if (!open.length) return null;
    var due = open.map(function (incident) { return { incident: incident, promise: store.nextUpdate(incident) }; })
      .filter(function (entry) { return entry.promise; })
      .sort(function (a, b) { return a.promise.due < b.promise.due ? -1 : 1; });
    if (due.length) return due[0];
    var current = data.incidents[data.current];
    return { incident: store.isOpen(current) ? current : open[0], promise: null };
  }

  /* The countdown, from the incident picked last: no storage read every tick. */
  function draw() {
    bar.hidden = !shown;
    document.documentElement.classList.toggle("has-incident-bar", Boolean(shown));
    if (!shown) return;
    var now = store.now();
    var label = store.label(shown.incident);
    var state = "unset";
    var message = fill(bar.dataset.unset, { label: label });
    if (shown.promise) {
      var due = new Date(shown.promise.due);
      var left = due - now;
      state = left < 0 ? "overdue" : left <= URGENT ? "urgent" : "due";
      message = fill(bar.dataset[state], { time: when(due, now), left: span(left), label: label });
    }
    bar.setAttribute("data-state", state);
    text.textContent = message;
    keep.hidden = !shown.promise;
  }

  /* Pick the incident again from what is stored (on load, on any change, back from another app). */
  function reload() {
    shown = pick(store.read());
    draw();
  }

  keep.addEventListener("click", function () {
    if (shown && shown.promise) store.keep(shown.incident.id, shown.promise.id, store.field(shown.incident, "role_liaison"));
  });

  store.onChange(reload);
  document.addEventListener("visibilitychange", reload);
  setInterval(draw, 10000);
  reload();
})();
