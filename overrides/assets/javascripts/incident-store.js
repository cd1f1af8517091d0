/* The incident file's storage, on every page: the incidents kept in this browser (localStorage,
   one key per company), shared by the incident page, the countdown bar and the checklists.
   The record is language-neutral: codes, times (ISO, UTC) and what people typed.
   When the browser refuses to store (full, private mode, blocked), everything keeps working
   from memory for as long as the page is open, and `saved` says so.
   Checklist ticks kept by earlier versions are carried over by checklists.js. */
(function () {
  "use strict";

  var meta = document.querySelector("meta[name=handbook-incidents]");
  if (!meta) return;
  var scope = meta.content;
  var KEY = scope + ":incidents";
  var memory = null; /* the record, while the browser will not keep it */
  var listeners = [];

  function empty() {
    return { schema: 1, current: null, incidents: {}, migrated: false };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* The shape every reader of the record relies on (the incident page checks imports in depth). */
  function isRecord(data) {
    return isObject(data) && data.schema === 1 && isObject(data.incidents) &&
      Object.keys(data.incidents).every(function (id) {
        var incident = data.incidents[id];
        return isObject(incident) && incident.id === id && typeof incident.created === "string" &&
          isObject(incident.fields) && Array.isArray(incident.log) && Array.isArray(incident.promises) &&
          isObject(incident.ticks) && Object.keys(incident.ticks).every(function (slug) {
            var ticks = incident.ticks[slug];
            return isObject(ticks) && Object.keys(ticks).every(function (item) {
              return typeof ticks[item] === "string" && !isNaN(Date.parse(ticks[item]));
            });
          });
      });
  }

  var api = {
    saved: true, /* false once the browser has refused to keep a change */
    corrupt: false, /* true when what was stored could not be read */
    scope: scope,
    now: function () { return new Date(); },
    uid: function () {
      return Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    },
    read: function () {
      if (memory) return JSON.parse(JSON.stringify(memory));
      var raw = null;
      try {
        raw = localStorage.getItem(KEY);
      } catch (error) {
        api.saved = false;
        memory = empty();
        return empty();
      }
      var data = null;
      try { data = raw === null ? null : JSON.parse(raw); } catch (error) { data = undefined; }
      if (data !== null && !isRecord(data)) api.corrupt = true; /* stored empty is simply nothing */
      return isRecord(data) ? data : empty();
    },
    write: function (data) {
      try {
        localStorage.setItem(KEY, JSON.stringify(data));
        memory = null;
        api.saved = true;
      } catch (error) {
        memory = data;
        api.saved = false;
      }
      listeners.forEach(function (listener) { listener(); });
      return api.saved;
    },
    /* Read, change, write: each change starts from what is stored now (another tab may have
       written since). `change` gets the record; its return value is passed back. */
    update: function (change) {
      var data = api.read();
      var result = change(data);
      api.write(data);
      return result;
    },
    create: function (data) {
      var id = api.uid();
      data.incidents[id] = { id: id, created: api.now().toISOString(), fields: {}, log: [], promises: [], ticks: {} };
      data.current = id;
      return data.incidents[id];
    },
    isOpen: function (incident) {
      return Boolean(incident) && !incident.archived && api.field(incident, "status") !== "closed";
    },
    fill: function (template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
    },
    /* A duration in words ({days, hours, minutes} templates): 2 d 3 h, 1 h 5 min, 12 min. */
    span: function (ms, words) {
      var minutes = Math.max(0, Math.round(Math.abs(ms) / 60000));
      var hours = Math.floor(minutes / 60);
      if (hours >= 24) return api.fill(words.days, { d: Math.floor(hours / 24), h: hours % 24 });
      return hours ? api.fill(words.hours, { h: hours, m: minutes % 60 }) : api.fill(words.minutes, { m: minutes });
    },
    pad: function (n) { return String(n).padStart(2, "0"); },
    /* What the incident is called: its title, else its client, else when it was started. */
    label: function (incident) {
      var started = new Date(incident.created);
      var pad = api.pad;
      return api.field(incident, "title") || api.field(incident, "client") ||
        started.getFullYear() + "-" + pad(started.getMonth() + 1) + "-" + pad(started.getDate()) + " " +
        pad(started.getHours()) + ":" + pad(started.getMinutes());
    },
    field: function (incident, name) {
      var entry = incident.fields[name];
      return entry ? entry.v : "";
    },
    /* The incident new ticks belong to: the current one while it is open. */
    current: function (data) {
      var incident = data.incidents[data.current];
      return api.isOpen(incident) ? incident : null;
    },
    nextUpdate: function (incident) {
      return incident.promises.filter(function (promise) { return promise.update && !promise.kept; })
        .sort(function (a, b) { return a.due < b.due ? -1 : 1; })[0] || null;
    },
    /* Keep the promised update: mark it kept and log the contact. */
    keep: function (incidentId, promiseId, who) {
      return api.update(function (data) {
        var incident = data.incidents[incidentId];
        var promise = incident && incident.promises.filter(function (p) { return p.id === promiseId; })[0];
        if (!promise || promise.kept) return false;
        var now = api.now().toISOString();
        promise.kept = now;
        incident.log.push({ id: api.uid(), time: now, who: who || "", kind: "contact", text: promise.text, due: promise.due, auto: "kept" });
        return true;
      });
    },
    onChange: function (listener) {
      listeners.push(listener);
    }
  };

  /* Another tab changed the record: tell this page. */
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) listeners.forEach(function (listener) { listener(); });
  });

  window.HandbookIncidents = api;
})();
