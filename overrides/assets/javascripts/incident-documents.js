/* Letters and reports filled from the incident file (the incident page only), made on the device.

   For the document chosen, the page loads two scripts only when asked: the document itself
   (templates/files/<name>.<lang>.js, written by the build: the .docx as made at build time, its
   text, and which blanks the record fills, from handbook/incident-documents.yml) and, for Word,
   the zip library fflate (vendored). A blank the record fills is replaced and loses its yellow
   highlight; table rows written for the log or the promises replace the template's blank rows;
   every other blank stays highlighted. The Word file is changed only in word/document.xml, through
   the XML DOM: every value goes in as text (escaped by the serializer), with the characters XML
   cannot hold removed, so nothing typed in the record can break the file. */
(function () {
  "use strict";

  var store = window.HandbookIncidents;
  var root = document.querySelector("[data-incident]");
  var panel = root && root.querySelector("[data-incident-documents]");
  var config = window.HandbookIncidentStrings;
  if (!store || !panel || !config) return;
  var S = config.t;
  var lang = root.dataset.lang;
  var fill = store.fill;
  var here = document.currentScript ? document.currentScript.src : location.href;
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var XML = "http://www.w3.org/XML/1998/namespace";
  var BLANK = /【[^【】\n]+】|\[[A-Z0-9][A-Z0-9 ,.;%'\/&()-]*\]/g;
  var SEPARATOR = lang === "ja" ? "｜" : " | ";
  var CAUSE_KNOWN = ["cause_found", "countermeasures", "closed"];
  var loaded = {};

  function $(selector) { return panel.querySelector(selector); }

  /* Made on first use: a date format costs time to make, and the page should open quickly. */
  function dates(options) {
    var format = null;
    return function (iso) {
      format = format || new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-US", options);
      return iso ? format.format(new Date(iso)) : "";
    };
  }
  var hour = lang === "ja" ? "2-digit" : "numeric";
  var day = dates({ year: "numeric", month: "long", day: "numeric" });
  var moment = dates({ year: "numeric", month: "long", day: "numeric", hour: hour, minute: "2-digit" });
  var short = dates({ month: lang === "ja" ? "long" : "short", day: "numeric", hour: hour, minute: "2-digit" });

  /* "what happened (quantity: 40; lots: A1)": the parts the record has. */
  function withParts(text, parts) {
    var joined = parts.filter(Boolean).reduce(function (a, b) { return a ? fill(S.doc_join, { a: a, b: b }) : b; }, "");
    if (!text || !joined) return text || joined;
    return fill(S.doc_with, { text: text, parts: joined });
  }

  /* Every value a blank may take, from the incident (see incident-documents.yml). */
  function values(incident) {
    var f = function (name) { return store.field(incident, name); };
    var part = function (name) { return f(name) ? fill(S["doc_" + name], { v: f(name) }) : ""; };
    var type = f("type");
    var update = store.nextUpdate(incident);
    var now = store.now().toISOString();
    return {
      client: f("client"), product: f("product"), what: f("what"), quantity: f("quantity"), lots: f("lots"),
      containment: f("containment"), countermeasures: f("countermeasures"), next_steps: f("next_steps"),
      severity: f("severity"), scribe: f("role_scribe"),
      status: f("status") ? S["status_" + f("status")] : "",
      cause: CAUSE_KNOWN.indexOf(f("status")) >= 0 ? f("cause") : "",
      problem: type && (lang === "ja" || f("product")) ? fill(S["doc_problem_" + type], { product: f("product") }) : "",
      problem_event: type ? S["doc_event_" + type] : "",
      facts: withParts(f("what"), [part("quantity"), part("lots")]),
      affected: withParts(f("product"), [part("lots"), part("quantity")]),
      scope: withParts(f("quantity"), [part("lots")]),
      today: day(now), now: moment(now), found_date: day(f("found")), started: moment(incident.created),
      next_update: update ? moment(update.due) : ""
    };
  }

  /* The entries a list of rows is written from, and a row's values. */
  function entries(incident, from) {
    if (from === "promises" || from === "open") {
      return incident.promises.filter(function (promise) { return !promise.update && !(from === "open" && promise.kept); })
        .sort(function (a, b) { return a.due < b.due ? -1 : a.due > b.due ? 1 : 0; });
    }
    var log = incident.log.slice().sort(function (a, b) { return a.time < b.time ? -1 : a.time > b.time ? 1 : 0; });
    /* For the client: what people logged as events and decisions, not the handbook's own notes. */
    return from === "events" ? log.filter(function (entry) {
      return (entry.kind === "event" || entry.kind === "decision") && !entry.auto;
    }) : log;
  }
  function rowValue(entry, name, from) {
    if (from === "log" || from === "events") {
      return { time: short(entry.time), kind: S["kind_" + entry.kind] || "", who: entry.who,
        text: window.HandbookIncidentPage.entryText(entry) }[name] || "";
    }
    var late = !entry.kept && new Date(entry.due) < store.now();
    return { text: entry.text, made: short(entry.created), due: short(entry.due), kept: short(entry.kept),
      state: S[entry.kept ? "doc_state_done" : "doc_state_open"],
      progress: S[entry.kept ? "doc_state_done" : late ? "doc_progress_late" : "doc_progress_on_track"] }[name] || "";
  }

  /* What XML 1.0 cannot hold (control characters, lone surrogates) is left out; line ends as \n. */
  function clean(text) {
    return String(text).replace(/\r\n?/g, "\n")
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/\p{Cs}/gu, "");
  }

  /* The value for a blank outside the rows: the same everywhere, or the n-th of a list. */
  function lookup(rules, all, counts, blank) {
    var rule = rules.values[blank];
    if (Array.isArray(rule)) {
      counts[blank] = (counts[blank] || 0) + 1;
      rule = rule[counts[blank] - 1];
    }
    return rule ? clean(all[rule] || "") : "";
  }
  /* A value where its blank stands: at the start of a line with a capital (English), inside a
     sentence on one line (its lines joined), on a line of its own as it was typed. */
  function placed(value, before, after) {
    if (before || after) {
      return value.split("\n").filter(Boolean).reduce(function (a, b) { return a ? fill(S.doc_join, { a: a, b: b }) : b; }, "");
    }
    return lang === "en" ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  }

  function cellMatches(text, cell) {
    var expected = cell[0];
    return expected === "*" || (expected === "#" ? /^\d+$/.test(text) : text === expected);
  }
  /* The blank a cell's value replaces: the one its rule names, else the first in the cell. */
  function blankOf(rule, text) {
    var found = (rule[0] === "*" ? text : rule[0]).match(BLANK);
    return found ? found[0] : null;
  }
  function ruleFor(rules, cells) {
    return rules.rows.filter(function (rule) {
      return cells.length === rule.cells.length && cells.every(function (cell, n) { return cellMatches(cell, rule.cells[n]); });
    })[0] || null;
  }

  /* ---- text (.txt) ---- */

  function fillText(text, rules, incident, all, tally) {
    var lines = text.split("\n");
    var out = [];
    function cellsOf(line) {
      return line.trim().replace(/^\u3000+/, "").split(SEPARATOR.trim()).map(function (cell) { return cell.trim(); });
    }
    for (var n = 0; n < lines.length;) {
      var rule = ruleFor(rules, cellsOf(lines[n]));
      if (!rule) { out.push({ text: lines[n++] }); continue; }
      var group = [];
      while (n < lines.length && ruleFor(rules, cellsOf(lines[n])) === rule) group.push(lines[n++]);
      var list = entries(incident, rule.from);
      if (!list.length) { group.forEach(function (line) { out.push({ text: line, row: true }); }); continue; }
      var indent = group[0].match(/^[ \u3000]*/)[0];
      list.forEach(function (entry, number) {
        var cells = cellsOf(group[0]).map(function (cell, c) {
          var cellRule = rule.cells[c];
          if (cellRule[0] === "#") return String(number + 1);
          var value = cellRule[1] ? clean(rowValue(entry, cellRule[1], rule.from)).replace(/\n/g, " ") : "";
          var blank = blankOf(cellRule, cell);
          if (!value || !blank) return cell;
          tally.filled += 1;
          return cell.replace(blank, function () { return value; });
        });
        out.push({ text: indent + cells.join(SEPARATOR), row: true });
      });
    }
    var counts = {};
    return out.map(function (line) {
      if (line.row) return line.text;
      var indent = line.text.match(/^[ \u3000]*/)[0];
      return line.text.replace(BLANK, function (blank, offset) {
        var value = lookup(rules, all, counts, blank);
        if (!value) return blank;
        tally.filled += 1;
        value = placed(value, line.text.slice(0, offset).trim(), line.text.slice(offset + blank.length).trim());
        return value.split("\n").join("\n" + indent);
      });
    }).join("\n");
  }

  /* ---- Word (.docx): word/document.xml through the XML DOM ---- */

  function children(node, name) {
    return Array.prototype.filter.call(node.childNodes, function (child) {
      return child.namespaceURI === W && child.localName === name;
    });
  }
  function runText(run) {
    return children(run, "t").map(function (t) { return t.textContent; }).join("");
  }
  function cellText(cell) {
    return Array.prototype.map.call(cell.getElementsByTagNameNS(W, "t"), function (t) { return t.textContent; }).join("").trim();
  }
  /* A run's text replaced by a value: the highlight removed, lines as line breaks. */
  function setRun(run, value) {
    var xml = run.ownerDocument;
    Array.prototype.slice.call(run.getElementsByTagNameNS(W, "highlight")).forEach(function (node) { node.parentNode.removeChild(node); });
    Array.prototype.slice.call(run.childNodes).forEach(function (node) {
      if (node.localName !== "rPr") run.removeChild(node);
    });
    value.split("\n").forEach(function (line, n) {
      if (n) run.appendChild(xml.createElementNS(W, "w:br"));
      var t = xml.createElementNS(W, "w:t");
      t.setAttributeNS(XML, "xml:space", "preserve");
      t.textContent = line;
      run.appendChild(t);
    });
  }
  /* The text of the runs before or after a run in its paragraph. */
  function besideText(run, direction) {
    var text = "";
    for (var node = run[direction]; node; node = node[direction]) {
      if (node.localName === "r") text += runText(node);
    }
    return text.trim();
  }
  function runWith(cell, text) {
    return Array.prototype.filter.call(cell.getElementsByTagNameNS(W, "r"), function (run) { return runText(run) === text; })[0];
  }

  function fillRows(xml, rules, incident, tally) {
    var owned = new Set(); /* the rows written here (or left blank): no other rule fills them */
    Array.prototype.forEach.call(xml.getElementsByTagNameNS(W, "tbl"), function (table) {
      var group = [];
      var groupRule = null;
      children(table, "tr").concat([null]).forEach(function (row) {
        var rule = row ? ruleFor(rules, children(row, "tc").map(cellText)) : null;
        if (rule && rule === groupRule) { group.push(row); return; }
        if (group.length) write(table, group, groupRule);
        group = rule ? [row] : [];
        groupRule = rule;
      });
    });
    function write(table, group, rule) {
      var list = entries(incident, rule.from);
      if (!list.length) { group.forEach(function (row) { owned.add(row); }); return; }
      list.forEach(function (entry, number) {
        var copy = group[0].cloneNode(true);
        children(copy, "tc").forEach(function (cell, c) {
          var cellRule = rule.cells[c];
          if (cellRule[0] === "#") {
            var first = cell.getElementsByTagNameNS(W, "r")[0];
            if (first) setRun(first, String(number + 1));
            return;
          }
          var value = cellRule[1] ? clean(rowValue(entry, cellRule[1], rule.from)).replace(/\n/g, " ") : "";
          var run = value && runWith(cell, blankOf(cellRule, cellText(cell)));
          if (run) { setRun(run, value); tally.filled += 1; }
        });
        table.insertBefore(copy, group[0]);
        owned.add(copy);
      });
      group.forEach(function (old) { table.removeChild(old); });
    }
    return owned;
  }

  function fillXml(source, rules, incident, all, tally) {
    var xml = new DOMParser().parseFromString(source, "application/xml");
    if (xml.getElementsByTagName("parsererror").length) throw new Error("document.xml");
    var owned = fillRows(xml, rules, incident, tally);
    var counts = {};
    Array.prototype.slice.call(xml.getElementsByTagNameNS(W, "r")).forEach(function (run) {
      for (var node = run.parentNode; node; node = node.parentNode) if (owned.has(node)) return;
      var text = runText(run);
      var whole = text.match(BLANK);
      if (!whole || whole[0] !== text) return;
      var value = lookup(rules, all, counts, text);
      if (!value) return;
      setRun(run, placed(value, besideText(run, "previousSibling"), besideText(run, "nextSibling")));
      tally.filled += 1;
    });
    var out = new XMLSerializer().serializeToString(xml);
    return (/^<\?xml/.test(out) ? "" : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n') + out;
  }

  function bytesOf(base64) {
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var n = 0; n < binary.length; n += 1) bytes[n] = binary.charCodeAt(n);
    return bytes;
  }

  /* ---- making and saving ---- */

  function script(src) {
    if (!loaded[src]) {
      loaded[src] = new Promise(function (resolve, reject) {
        var node = document.createElement("script");
        node.src = src;
        node.onload = resolve;
        node.onerror = function () { delete loaded[src]; node.remove(); reject(new Error(src)); };
        document.head.appendChild(node);
      });
    }
    return loaded[src];
  }

  function left(text) {
    return (text.match(BLANK) || []).length;
  }

  function make(kind) {
    var page = window.HandbookIncidentPage;
    var name = $("[data-incident-doc]").value;
    var message = $("[data-incident-doc-message]");
    page.flush();
    var data = store.read();
    var incident = data.incidents[data.current];
    if (!incident) return;
    message.textContent = S.doc_working;
    var needs = [script(panel.dataset.base + name + "." + lang + ".js")];
    if (kind === "docx") needs.push(script(new URL("vendor/fflate/fflate.min.js", here).href));
    Promise.all(needs).then(function () {
      var documentData = window.HandbookDocuments[name];
      var all = values(incident);
      var tally = { filled: 0 };
      var text = fillText(documentData.text, documentData, incident, all, tally);
      var now = store.now();
      var file = name + "-" + now.getFullYear() + store.pad(now.getMonth() + 1) + store.pad(now.getDate()) + "." + lang + "." + kind;
      var blob;
      var filled = tally.filled;
      if (kind === "txt") {
        blob = new Blob(["\ufeff" + text.replace(/\n/g, "\r\n")], { type: "text/plain;charset=utf-8" });
      } else {
        var zip = window.fflate;
        var parts = zip.unzipSync(bytesOf(documentData.docx));
        var count = { filled: 0 };
        parts["word/document.xml"] = zip.strToU8(fillXml(zip.strFromU8(parts["word/document.xml"]), documentData, incident, all, count));
        filled = count.filled;
        blob = new Blob([zip.zipSync(parts, { level: 6 })],
          { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
      }
      window.HandbookFiles.save(file, blob);
      message.textContent = fill(S.doc_made, { name: file, filled: filled, left: left(text) });
    }).catch(function () {
      message.textContent = S.doc_failed;
    });
  }

  Array.prototype.forEach.call(panel.querySelectorAll("[data-incident-doc-make]"), function (button) {
    button.addEventListener("click", function () { make(button.dataset.incidentDocMake); });
  });
})();
