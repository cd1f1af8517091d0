/* The incident file page (incident.md): one record per incident, kept in this browser by
   incident-store.js. Start, switch, close, archive and delete incidents; log entries; promises
   and the next update; the record's fields; hand-over by export and merging import; the progress
   report and the status summary drawn from the record. Everything a reader typed is put on the
   page as text (textContent), never as markup. */
(function () {
  "use strict";

  var store = window.HandbookIncidents;
  var root = document.querySelector("[data-incident]");
  var config = window.HandbookIncidentStrings; /* assets/javascripts/incident-strings.js (the build) */
  if (!store || !root || !config) return;
  var S = config.t;
  var lang = root.dataset.lang;
  var locale = lang === "ja" ? "ja-JP" : "en-US"; /* Dec 4, 2026, 3:00 PM: no day and month to confuse */
  var URGENT = 15 * 60 * 1000;
  var LIMITS = { text: 5000, short: 500, who: 200, log: 5000, promises: 1000, checklists: 100, ticks: 500 };
  var ID = /^[a-z0-9]{4,40}$/;
  var SLUG = /^[a-z0-9-]{1,60}$/;
  var order = "oldest";
  var SHOWN = 100;
  var showAll = false;
  var typing = null; /* {input, timer}: a field typed in and not saved yet */

  function $(selector) { return root.querySelector(selector); }

  var fill = store.fill;


  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, action, className) {
    var node = el("button", "md-button" + (className ? " " + className : ""), label);
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }

  var pad = store.pad;

  /* 2026/12/04 15:30 (ja) or 04/12/2026, 15:30 (en), in local time. */
  var dateTime = null; /* made when first needed: the page with no incident never needs it */
  function stamp(iso) {
    if (!iso) return "";
    dateTime = dateTime || new Intl.DateTimeFormat(locale, lang === "ja"
      ? { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }
      : { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
    return dateTime.format(new Date(iso));
  }

  /* A datetime-local input's value from an ISO time, and back. */
  function toInput(iso) {
    if (!iso) return "";
    var date = new Date(iso);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + "T" +
      pad(date.getHours()) + ":" + pad(date.getMinutes());
  }
  function fromInput(value) {
    var date = new Date(value);
    return isNaN(date) ? null : date.toISOString();
  }

  function span(ms) { return store.span(ms, S); }



  /* due, urgent (last 15 minutes) or overdue, with its words. */
  function dueState(iso) {
    var left = new Date(iso) - store.now();
    var state = left < 0 ? "overdue" : left <= URGENT ? "urgent" : "due";
    return { state: state, text: fill(S["state_" + state], { left: span(left) }) };
  }

  function say(message) {
    $("[data-incident-message]").textContent = message;
  }

  function current(data) {
    return data.incidents[data.current] || null;
  }

  /* Change the incident shown; `change(incident, data, now)` edits it. Every write to the store
     redraws the page (store.onChange(render) below), so no action here draws again itself. */
  function edit(change) {
    flush(); /* a field still being typed in is saved first, never drawn over */
    store.update(function (data) {
      var incident = current(data);
      if (incident) change(incident, data, store.now().toISOString());
    });
  }

  function setField(incident, name, value, now) {
    incident.fields[name] = { v: value, at: now };
  }

  function label(code, group) {
    return S[group + "_" + code] || code;
  }

  /* A log entry's text in the page's language (entries the handbook made carry a code). */
  function entryText(entry) {
    if (entry.auto === "kept") return fill(S.auto_kept, { text: entry.text || S.update_text, due: stamp(entry.due) });
    if (entry.auto === "status") return fill(S.auto_status, { status: label(entry.text, "status") });
    if (entry.auto === "promise") return fill(S.auto_promise, { text: entry.text || S.update_text, due: stamp(entry.due) });
    if (entry.auto === "moved") return fill(S.auto_moved, { due: stamp(entry.due) });
    return entry.text;
  }

  function promiseText(promise) {
    return promise.update ? S.update_text : promise.text;
  }

  /* ---- drawing ---- */

  function renderChooser(data) {
    var select = $("[data-incident-select]");
    select.textContent = "";
    var groups = { open: [], closed: [], archived: [] };
    Object.keys(data.incidents).forEach(function (id) {
      var incident = data.incidents[id];
      var group = incident.archived ? "archived" : store.isOpen(incident) ? "open" : "closed";
      groups[group].push(incident);
    });
    ["open", "closed", "archived"].forEach(function (group) {
      if (!groups[group].length) return;
      var optgroup = el("optgroup");
      optgroup.label = S["group_" + group];
      groups[group].sort(function (a, b) { return a.created < b.created ? 1 : -1; }).forEach(function (incident) {
        var option = el("option", "", incident.migrated && !store.field(incident, "title") && !store.field(incident, "client")
          ? S.migrated + " (" + store.label(incident) + ")" : store.label(incident));
        option.value = incident.id;
        option.selected = incident.id === data.current;
        optgroup.appendChild(option);
      });
      select.appendChild(optgroup);
    });
    var incident = current(data);
    $("[data-incident-none]").hidden = Boolean(incident);
    select.disabled = !incident;
    $("[data-incident-manage]").hidden = !incident;
    $("[data-incident-body]").hidden = !incident;
    if (!incident) return;
    var closed = store.field(incident, "status") === "closed";
    $("[data-incident-close]").textContent = closed ? S.reopen : S.close;
    $("[data-incident-archive]").textContent = incident.archived ? S.unarchive : S.archive;
  }

  function renderFields(incident) {
    Array.prototype.forEach.call($("[data-incident-fields]").querySelectorAll("[data-field]"), function (input) {
      if (input === document.activeElement) return; /* never under the reader's fingers */
      var value = store.field(incident, input.name);
      input.value = input.type === "datetime-local" ? toInput(value) : value;
    });
  }

  function renderNext(incident) {
    var next = store.nextUpdate(incident);
    var text = $("[data-incident-next-text]");
    var box = $("[data-incident-next]");
    if (next) {
      var state = dueState(next.due);
      text.textContent = fill(S.next_at, { time: stamp(next.due), state: state.text });
      box.setAttribute("data-state", state.state);
    } else {
      text.textContent = S.next_none;
      box.setAttribute("data-state", "unset");
    }
    $("[data-incident-keep]").hidden = !next;
  }

  function renderPromises(incident) {
    var list = $("[data-incident-promises]");
    list.textContent = "";
    var promises = incident.promises.slice().sort(function (a, b) {
      return (a.kept ? 1 : 0) - (b.kept ? 1 : 0) || (a.due < b.due ? -1 : 1);
    });
    if (!promises.length) list.appendChild(el("li", "incident__empty", S.promises_empty));
    promises.forEach(function (promise) {
      var item = el("li", "incident__promise");
      var state = promise.kept ? { state: "kept", text: fill(S.promise_kept, { time: stamp(promise.kept) }) } : dueState(promise.due);
      item.setAttribute("data-state", state.state);
      item.appendChild(el("span", "incident__promise-text", promiseText(promise)));
      item.appendChild(el("span", "incident__promise-due", stamp(promise.due) + " · " + state.text));
      if (!promise.kept) {
        item.appendChild(button(promise.update ? S.keep : S.promise_keep, function () {
          store.keep(incident.id, promise.id, store.field(incident, "role_liaison"));
        }));
      }
      list.appendChild(item);
    });
  }

  function sortedLog(incident) {
    return incident.log.slice().sort(function (a, b) { return a.time < b.time ? -1 : a.time > b.time ? 1 : 0; });
  }

  /* The latest SHOWN entries, unless the reader asks for all: a long incident stays quick on a phone. */
  function renderLog(log) {
    var list = $("[data-incident-log]");
    list.textContent = "";
    var entries = showAll ? log : log.slice(-SHOWN);
    if (order === "newest") entries = entries.slice().reverse();
    var more = $("[data-incident-log-all]");
    more.hidden = entries.length === log.length;
    more.textContent = fill(S.log_all, { count: log.length });
    if (!entries.length) list.appendChild(el("li", "incident__empty", S.log_empty));
    entries.forEach(function (entry) {
      var item = el("li", "incident__entry");
      item.setAttribute("data-kind", entry.kind);
      var time = el("time", "incident__entry-time", stamp(entry.time));
      time.setAttribute("datetime", entry.time);
      item.appendChild(time);
      item.appendChild(el("span", "incident__entry-kind", label(entry.kind, "kind")));
      if (entry.who) item.appendChild(el("span", "incident__entry-who", entry.who));
      item.appendChild(el("span", "incident__entry-text", entryText(entry)));
      list.appendChild(item);
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-incident-order]"), function (toggle) {
      toggle.setAttribute("aria-pressed", String(toggle.dataset.incidentOrder === order));
    });
  }

  function renderTicks(incident) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-incident-ticks]"), function (count) {
      var ticks = incident.ticks[count.dataset.incidentTicks] || {};
      count.textContent = String(Object.keys(ticks).length);
    });
  }

  /* ---- reports ---- */

  function section(parent, heading, body) {
    parent.appendChild(el("h3", "", heading));
    if (typeof body === "string") {
      body.split("\n").forEach(function (line) { parent.appendChild(el("p", "incident__report-text", line)); });
    } else {
      parent.appendChild(body);
    }
  }

  function table(rows) {
    var node = el("table", "incident__report-table");
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr");
      var th = el("th", "", row[0]);
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", "", row[1] || S.r_none));
      body.appendChild(tr);
    });
    node.appendChild(body);
    return node;
  }

  function list(items, empty) {
    var node = el("ul", "incident__report-list");
    if (!items.length) node.appendChild(el("li", "", empty));
    items.forEach(function (text) { node.appendChild(el("li", "", text)); });
    return node;
  }

  var CAUSE_KNOWN = ["cause_found", "countermeasures", "closed"];

  function facts(incident) {
    var f = function (name) { return store.field(incident, name); };
    return [[S.f_product, f("product")], [S.f_type, f("type") ? label(f("type"), "type") : ""], [S.f_what, f("what")], [S.f_found, stamp(f("found"))],
      [S.f_quantity, f("quantity")], [S.f_lots, f("lots")],
      [S.f_severity, f("severity") ? label(f("severity"), "sev") : ""], [S.f_status, label(f("status") || "investigating", "status")]];
  }

  function renderProgress(incident, log) {
    var report = $("[data-report=progress]");
    report.textContent = "";
    var f = function (name) { return store.field(incident, name); };
    var now = store.now().toISOString();
    var head = el("header", "incident__report-head");
    head.appendChild(el("p", "incident__report-date", stamp(now)));
    head.appendChild(el("p", "incident__report-to", fill(S.r_to, { client: f("client") || "" })));
    head.appendChild(el("p", "incident__report-from", root.dataset.companyName));
    report.appendChild(head);
    report.appendChild(el("h2", "incident__report-title", S.progress_title + (f("product") ? " — " + f("product") : "")));
    report.appendChild(el("p", "", S.r_intro));
    section(report, S.r_facts, table(facts(incident)));
    var actions = log.filter(function (entry) {
      return entry.kind === "event" || entry.kind === "decision";
    }).map(function (entry) { return stamp(entry.time) + "　" + entryText(entry); });
    section(report, S.r_actions, list(actions, S.r_none));
    section(report, S.r_containment, f("containment") || S.r_none);
    section(report, S.r_cause, CAUSE_KNOWN.indexOf(f("status")) >= 0 && f("cause") ? f("cause") : S.r_cause_open);
    section(report, S.r_countermeasures, f("countermeasures") || S.r_none);
    var steps = incident.promises.filter(function (promise) { return !promise.kept && !promise.update; })
      .sort(function (a, b) { return a.due < b.due ? -1 : 1; })
      .map(function (promise) { return stamp(promise.due) + "　" + promise.text; });
    var next = el("div");
    if (f("next_steps")) f("next_steps").split("\n").forEach(function (line) { next.appendChild(el("p", "incident__report-text", line)); });
    if (steps.length || !f("next_steps")) next.appendChild(list(steps, S.r_none));
    var update = store.nextUpdate(incident);
    next.appendChild(el("p", "incident__report-next", update ? fill(S.r_next_report, { time: stamp(update.due) }) : S.r_next_report_none));
    section(report, S.r_next, next);
    report.appendChild(el("p", "incident__report-end", S.r_end));
  }

  function renderSummary(incident, log) {
    var summary = $("[data-report=summary]");
    summary.textContent = "";
    var f = function (name) { return store.field(incident, name); };
    summary.appendChild(el("h2", "incident__report-title", S.summary_title + "：" + store.label(incident)));
    summary.appendChild(el("p", "incident__report-date", fill(S.summary_as_of, { time: stamp(store.now().toISOString()) }) +
      " · " + root.dataset.companyName));
    var rows = [[S.f_client, f("client")]].concat(facts(incident));
    config.fields.filter(function (name) { return name.indexOf("role_") === 0; }).forEach(function (name) {
      rows.push([S["f_" + name], f(name)]);
    });
    summary.appendChild(table(rows));
    var update = store.nextUpdate(incident);
    summary.appendChild(el("p", "incident__report-next", update
      ? fill(S.next_at, { time: stamp(update.due), state: dueState(update.due).text }) : S.next_none));
    section(summary, S.summary_promises, list(incident.promises.filter(function (promise) { return !promise.kept; })
      .map(function (promise) { return stamp(promise.due) + "　" + promiseText(promise); }), S.promises_empty));
    section(summary, S.summary_recent, list(log.slice(-8).reverse().map(function (entry) {
      return stamp(entry.time) + "　" + label(entry.kind, "kind") + "　" + entryText(entry);
    }), S.log_empty));
  }

  function render() {
    var data = store.read();
    renderChooser(data);
    var status = $("[data-incident-status]");
    status.textContent = store.corrupt ? S.corrupt : "";
    if (!store.saved) status.textContent = S.unsaved;
    root.classList.toggle("incident--unsaved", !store.saved);
    var incident = current(data);
    if (!incident) return;
    renderFields(incident);
    renderNext(incident);
    renderPromises(incident);
    var log = sortedLog(incident);
    renderLog(log);
    renderTicks(incident);
    renderProgress(incident, log);
    renderSummary(incident, log);
  }

  /* The next update's time starts one hour ahead, on the quarter hour: usually one change away. */
  function suggestNext() {
    var input = $("[data-incident-next-form] [name=due]");
    if (input === document.activeElement) return;
    var quarter = 15 * 60 * 1000; /* at least an hour ahead, the seconds included */
    var date = new Date(Math.ceil((store.now().getTime() + 60 * 60 * 1000) / quarter) * quarter);
    input.value = toInput(date.toISOString());
  }

  /* ---- actions ---- */

  $("[data-incident-new]").addEventListener("click", function () {
    store.update(function (data) {
      var incident = store.create(data);
      setField(incident, "status", "investigating", incident.created);
    });
    $("[data-incident-fields] [name=client]").focus();
  });

  $("[data-incident-select]").addEventListener("change", function (event) {
    var id = event.target.value;
    store.update(function (data) { if (data.incidents[id]) data.current = id; });
  });

  $("[data-incident-close]").addEventListener("click", function () {
    var data = store.read();
    var incident = current(data);
    if (!incident) return;
    var closing = store.field(incident, "status") !== "closed";
    if (closing && !window.confirm(S.confirm_close)) return;
    edit(function (found, all, now) {
      var status = closing ? "closed" : "investigating";
      setField(found, "status", status, now);
      found.log.push({ id: store.uid(), time: now, who: "", kind: "event", text: status, auto: "status" });
    });
  });

  $("[data-incident-archive]").addEventListener("click", function () {
    edit(function (incident) { incident.archived = !incident.archived; });
  });

  $("[data-incident-delete]").addEventListener("click", function () {
    if (!window.confirm(S.confirm_delete)) return;
    store.update(function (data) {
      delete data.incidents[data.current];
      var left = Object.keys(data.incidents).map(function (id) { return data.incidents[id]; })
        .sort(function (a, b) { return (store.isOpen(b) ? 1 : 0) - (store.isOpen(a) ? 1 : 0) || (a.created < b.created ? 1 : -1); });
      data.current = left.length ? left[0].id : null;
    });
  });

  $("[data-incident-log-form]").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var text = form.elements.text.value.trim();
    if (!text) return;
    var time = (form.elements.time.value && fromInput(form.elements.time.value)) || store.now().toISOString();
    var who = form.elements.who.value.trim();
    var kind = form.elements.kind.value;
    edit(function (incident) {
      incident.log.push({ id: store.uid(), time: time, who: who, kind: kind, text: text });
    });
    form.elements.text.value = "";
    form.elements.time.value = "";
    form.elements.kind.value = "event";
    form.elements.text.focus();
    say(S.logged);
  });

  $("[data-incident-next-form]").addEventListener("submit", function (event) {
    event.preventDefault();
    var due = fromInput(event.target.elements.due.value);
    if (!due) return;
    edit(function (incident, data, now) {
      var pending = store.nextUpdate(incident);
      if (pending) {
        pending.due = due;
        incident.log.push({ id: store.uid(), time: now, who: "", kind: "promise", text: "", due: due, auto: "moved" });
      } else {
        incident.promises.push({ id: store.uid(), text: "", due: due, update: true, kept: null, created: now });
        incident.log.push({ id: store.uid(), time: now, who: "", kind: "promise", text: "", due: due, auto: "promise" });
      }
    });
    suggestNext();
  });

  $("[data-incident-promise-form]").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var text = form.elements.text.value.trim();
    var due = fromInput(form.elements.due.value);
    if (!text || !due) return;
    edit(function (incident, data, now) {
      incident.promises.push({ id: store.uid(), text: text, due: due, update: false, kept: null, created: now });
      incident.log.push({ id: store.uid(), time: now, who: "", kind: "promise", text: text, due: due, auto: "promise" });
    });
    form.reset();
  });

  $("[data-incident-keep]").addEventListener("click", function () {
    var incident = current(store.read());
    var next = incident && store.nextUpdate(incident);
    if (next) store.keep(incident.id, next.id, store.field(incident, "role_liaison"));
  });

  /* A field is saved as it is typed (after a short pause), when it is left, and when the page is
     left with a field still being typed in. */
  function saveField(input) {
    if (!input || !input.hasAttribute || !input.hasAttribute("data-field")) return;
    var value = input.type === "datetime-local" ? (fromInput(input.value) || "") : input.value.trim();
    edit(function (incident, data, now) {
      if (store.field(incident, input.name) === value) return;
      setField(incident, input.name, value, now);
      if (input.name === "status") incident.log.push({ id: store.uid(), time: now, who: "", kind: "event", text: value, auto: "status" });
    });
  }
  function flush() {
    if (!typing) return;
    clearTimeout(typing.timer);
    var input = typing.input;
    typing = null;
    saveField(input);
  }
  $("[data-incident-fields]").addEventListener("input", function (event) {
    if (event.target.tagName === "SELECT" || event.target.type === "datetime-local") return; /* saved on change */
    if (typing && typing.input !== event.target) flush();
    if (typing) clearTimeout(typing.timer);
    typing = { input: event.target, timer: setTimeout(flush, 400) };
  });
  $("[data-incident-fields]").addEventListener("change", function (event) {
    if (typing && typing.input === event.target) {
      clearTimeout(typing.timer);
      typing = null;
    }
    saveField(event.target);
  });
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", flush);
  $("[data-incident-fields]").addEventListener("submit", function (event) { event.preventDefault(); });

  $("[data-incident-log-all]").addEventListener("click", function () {
    showAll = true;
    render();
  });

  Array.prototype.forEach.call(root.querySelectorAll("[data-incident-order]"), function (toggle) {
    toggle.addEventListener("click", function () {
      order = toggle.dataset.incidentOrder;
      render();
    });
  });

  /* ---- hand-over ---- */

  $("[data-incident-export]").addEventListener("click", function () {
    flush();
    var incident = current(store.read());
    if (!incident) return;
    var now = store.now();
    var file = { format: config.format, schema: config.schema, company: root.dataset.company,
      exported: now.toISOString(), incident: incident };
    var name = "incident-" + now.getFullYear() + pad(now.getMonth() + 1) + pad(now.getDate()) + "-" +
      pad(now.getHours()) + pad(now.getMinutes()) + ".json";
    window.HandbookFiles.save(name, new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" }));
    say(fill(S.exported, { name: name }));
  });

  /* An imported incident, rebuilt from known keys only; anything out of shape throws its place. */
  function check(ok, where) {
    if (!ok) throw new Error(where);
  }
  function isTime(value) {
    return typeof value === "string" && value.length <= 40 && !isNaN(Date.parse(value));
  }
  function isText(value, max) {
    return typeof value === "string" && value.length <= max;
  }
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function clean(raw) {
    check(isObject(raw), "incident");
    check(typeof raw.id === "string" && ID.test(raw.id), "incident.id");
    check(isTime(raw.created), "incident.created");
    var incident = { id: raw.id, created: raw.created, fields: {}, log: [], promises: [], ticks: {} };
    if (raw.archived === true) incident.archived = true;
    if (raw.migrated === true) incident.migrated = true;
    check(isObject(raw.fields), "incident.fields");
    config.fields.forEach(function (name) {
      var field = raw.fields[name];
      if (field === undefined) return;
      var where = "fields." + name;
      check(isObject(field) && isText(field.v, name === "what" || name === "containment" || name === "cause" ||
        name === "countermeasures" || name === "next_steps" ? LIMITS.text : LIMITS.short) && isTime(field.at), where);
      if (name === "status") check(config.statuses.indexOf(field.v) >= 0, where);
      if (name === "severity") check(field.v === "" || config.severities.indexOf(field.v) >= 0, where);
      if (name === "type") check(field.v === "" || config.types.indexOf(field.v) >= 0, where);
      if (name === "found") check(field.v === "" || isTime(field.v), where);
      incident.fields[name] = { v: field.v, at: field.at };
    });
    check(Array.isArray(raw.log) && raw.log.length <= LIMITS.log, "log");
    raw.log.forEach(function (entry, n) {
      var where = "log[" + n + "]";
      check(isObject(entry) && typeof entry.id === "string" && ID.test(entry.id) && isTime(entry.time) &&
        isText(entry.who, LIMITS.who) && config.kinds.indexOf(entry.kind) >= 0 && isText(entry.text, LIMITS.text), where);
      var clean = { id: entry.id, time: entry.time, who: entry.who, kind: entry.kind, text: entry.text };
      if (entry.auto !== undefined) {
        check(["kept", "status", "promise", "moved"].indexOf(entry.auto) >= 0, where + ".auto");
        clean.auto = entry.auto;
      }
      if (entry.auto === "status") check(config.statuses.indexOf(entry.text) >= 0, where + ".text");
      if (entry.due !== undefined) {
        check(isTime(entry.due), where + ".due");
        clean.due = entry.due;
      }
      incident.log.push(clean);
    });
    check(Array.isArray(raw.promises) && raw.promises.length <= LIMITS.promises, "promises");
    raw.promises.forEach(function (promise, n) {
      var where = "promises[" + n + "]";
      check(isObject(promise) && typeof promise.id === "string" && ID.test(promise.id) && isText(promise.text, LIMITS.text) &&
        isTime(promise.due) && typeof promise.update === "boolean" && (promise.kept === null || isTime(promise.kept)) &&
        isTime(promise.created), where);
      incident.promises.push({ id: promise.id, text: promise.text, due: promise.due, update: promise.update,
        kept: promise.kept, created: promise.created });
    });
    check(isObject(raw.ticks) && Object.keys(raw.ticks).length <= LIMITS.checklists, "ticks");
    Object.keys(raw.ticks).forEach(function (slug) {
      var ticks = raw.ticks[slug];
      check(SLUG.test(slug) && isObject(ticks) && Object.keys(ticks).length <= LIMITS.ticks, "ticks." + slug);
      incident.ticks[slug] = {};
      Object.keys(ticks).forEach(function (item) {
        check(SLUG.test(item) && isTime(ticks[item]), "ticks." + slug + "." + item);
        incident.ticks[slug][item] = ticks[item];
      });
    });
    return incident;
  }

  /* Read a hand-over file: the incident in it, or an Error whose message is for the reader. */
  function parse(text) {
    var file;
    try { file = JSON.parse(text); } catch (error) { throw new Error(S.err_not_json); }
    if (!isObject(file) || file.format !== config.format) throw new Error(S.err_not_json);
    if (typeof file.schema !== "number" || file.schema > config.schema) {
      throw new Error(fill(S.err_newer, { version: String(file.schema).slice(0, 20) }));
    }
    if (file.schema !== config.schema) throw new Error(S.err_not_json);
    if (file.company !== root.dataset.company) throw new Error(S.err_company);
    try {
      return clean(file.incident);
    } catch (error) {
      throw new Error(fill(S.err_invalid, { where: error.message }));
    }
  }

  /* Both sides kept: entries and promises by id, ticks by item (the earlier time), single fields
     by the newer change, each differing one listed. */
  function merge(mine, theirs) {
    var added = { log: 0, promises: 0, ticks: 0 };
    var conflicts = [];
    var ids = {};
    mine.log.forEach(function (entry) { ids[entry.id] = true; });
    theirs.log.forEach(function (entry) {
      if (!ids[entry.id]) { mine.log.push(entry); added.log += 1; }
    });
    var promises = {};
    mine.promises.forEach(function (promise) { promises[promise.id] = promise; });
    theirs.promises.forEach(function (promise) {
      var own = promises[promise.id];
      if (!own) { mine.promises.push(promise); added.promises += 1; return; }
      if (promise.kept && (!own.kept || promise.kept < own.kept)) own.kept = promise.kept;
      if (!own.kept && promise.due !== own.due && promise.created > own.created) own.due = promise.due;
    });
    Object.keys(theirs.ticks).forEach(function (slug) {
      var list = mine.ticks[slug] = mine.ticks[slug] || {};
      Object.keys(theirs.ticks[slug]).forEach(function (item) {
        var time = theirs.ticks[slug][item];
        if (!list[item]) added.ticks += 1;
        if (!list[item] || time < list[item]) list[item] = time;
      });
    });
    config.fields.forEach(function (name) {
      var own = mine.fields[name];
      var other = theirs.fields[name];
      if (!other || (own && own.v === other.v)) return;
      if (!own || !own.v) { mine.fields[name] = other; return; }
      if (!other.v) return;
      var newer = other.at > own.at ? other : own;
      var older = newer === own ? other : own;
      mine.fields[name] = newer;
      conflicts.push({ name: name, kept: newer.v, other: older });
    });
    return { added: added, conflicts: conflicts };
  }

  function fieldValue(name, value) {
    if (name === "status") return label(value, "status");
    if (name === "severity") return value ? label(value, "sev") : S.sev_none;
    if (name === "found") return stamp(value);
    return value;
  }

  function showConflicts(incidentId, conflicts) {
    var box = $("[data-incident-conflicts]");
    var list = $("[data-incident-conflict-list]");
    list.textContent = "";
    box.hidden = !conflicts.length;
    conflicts.forEach(function (conflict) {
      var item = el("li", "incident__conflict");
      item.appendChild(el("strong", "", S["f_" + conflict.name]));
      item.appendChild(el("span", "", fill(S.conflict_kept, { value: fieldValue(conflict.name, conflict.kept) })));
      item.appendChild(el("span", "", fill(S.conflict_other, { value: fieldValue(conflict.name, conflict.other.v) })));
      item.appendChild(button(S.conflict_use, function () {
        store.update(function (data) {
          var incident = data.incidents[incidentId];
          if (incident) incident.fields[conflict.name] = { v: conflict.other.v, at: store.now().toISOString() };
        });
        item.remove();
        if (!list.children.length) box.hidden = true;
      }));
      list.appendChild(item);
    });
  }

  $("[data-incident-import]").addEventListener("change", function (event) {
    var input = event.target;
    var file = input.files && input.files[0];
    if (!file) return;
    showConflicts(null, []);
    if (file.size > config.maxMb * 1024 * 1024) {
      say(fill(S.err_too_large, { mb: config.maxMb }));
      input.value = "";
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      input.value = "";
      var incoming;
      try {
        incoming = parse(String(reader.result));
      } catch (error) {
        say(error.message);
        return;
      }
      var result = store.update(function (data) {
        var mine = data.incidents[incoming.id];
        data.current = incoming.id;
        if (!mine) {
          data.incidents[incoming.id] = incoming;
          return { added: { log: incoming.log.length, promises: incoming.promises.length,
            ticks: Object.keys(incoming.ticks).reduce(function (sum, slug) { return sum + Object.keys(incoming.ticks[slug]).length; }, 0) },
          conflicts: [] };
        }
        return merge(mine, incoming);
      });
      say(fill(S.imported, result.added));
      showConflicts(incoming.id, result.conflicts);
    };
    reader.onerror = function () { say(S.err_not_json); input.value = ""; };
    reader.readAsText(file);
  });

  /* Printing draws the reports afresh (the time on them is the time of printing). */
  window.addEventListener("beforeprint", render);
  store.onChange(render);
  setInterval(render, 30000); /* the countdowns */
  /* For incident-documents.js: the log in words, and the field being typed saved first. */
  window.HandbookIncidentPage = { entryText: entryText, flush: flush };
  /* The first drawing in a task of its own, after the page's scripts have run: two shorter tasks
     instead of one long one while the page opens. */
  setTimeout(function () {
    suggestNext();
    render();
    root.classList.add("incident--ready");
  }, 0);
})();
