/* The handbook's search worker, one engine for HTTP and file:// (Material's iframe-worker shim).

   It speaks Material's worker protocol (SETUP → READY, QUERY → RESULT) and reads the index that
   handbook/search_index.py made at build time: every section's words per field (page title,
   page keywords, section heading, body), Japanese segmented by a morphological analyser, and
   the readings of Japanese words. A query is split into the same words by looking them up in that
   vocabulary (fewest words wins); kana that are not a word are looked up by reading (しゃざい →
   謝罪); English words are reduced to stems on both sides. Sections are ranked with BM25 over
   weighted fields, grouped by page, and each page is shown once: its title, its best section and
   a short excerpt around the first match, with whole words marked. Every text is escaped here:
   Material inserts what the worker returns as HTML. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
/* Field weights: keywords are chosen for what readers type, titles may carry incidental words. */
var WEIGHTS = { t: 6, k: 8, h: 3, b: 1 };
var K1 = 1.2, B = 0.5;
var MISSING = 0.3;
var MAX_RESULTS = 50;  /* pages returned: more than a reader scrolls through, and each costs an excerpt */  /* a page's score is multiplied by this for each query word it lacks */
var PARTICLES = "のをにはがでとへやもかねよ";
var EN_SUFFIXES = ["izing", "ising", "ization", "isation", "ations", "ation", "ments", "ment", "ings",
  "ing", "ized", "ised", "izes", "ises", "ize", "ise", "ies", "ied", "ed", "es", "s", "y", "e"];
var EXCERPT = { ja: [12, 110], en: [30, 220] };  /* characters before the first match, and in all */
var LATIN = /^[\p{sc=Latin}\p{Nd}'’]+$/u;
var KANA = /^[\p{sc=Hiragana}\p{sc=Katakana}ー]+$/u;
var KATAKANA = /^[\p{sc=Katakana}ー]+$/u;

function normalise(text) {
  return text.normalize("NFKC").toLowerCase();
}

function stem(word) {
  for (var i = 0; i < EN_SUFFIXES.length; i++) {
    var suffix = EN_SUFFIXES[i];
    if (word.length - suffix.length >= 4 && word.slice(-suffix.length) === suffix) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

function katakana(text) {
  return text.replace(/[\u3041-\u3096]/g, function (ch) { return String.fromCharCode(ch.charCodeAt(0) + 0x60); });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (ch) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[ch];
  });
}

/* The index stores text escaped (&amp; &lt; &gt;); the worker works on the text itself. */
function unescapeHtml(text) {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, function (_, name) {
    return { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'" }[name];
  });
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/* ---- the index ---------------------------------------------------------------------------- */

function Index(config, docs) {
  var meta = config.handbook;
  var self = this;
  this.lang = meta.lang;
  this.words = meta.words;
  this.docs = docs;
  this.stop = new Set(meta.stopwords || []);
  this.ids = new Map();
  this.words.forEach(function (word, id) { self.ids.set(word, id); });
  this.readings = new Map(Object.keys(meta.readings).map(function (key) { return [key, meta.readings[key]]; }));
  this.splits = new Map(Object.keys(meta.splits || {}).map(function (key) { return [Number(key), meta.splits[key]]; }));
  this.longest = this.words.reduce(function (most, word) { return Math.max(most, word.length); }, 1);
  this.postings = this.words.map(function () { return []; });
  this.lengths = {};
  var totals = {}, counts = {};
  docs.forEach(function (doc, number) {
    doc.title = unescapeHtml(doc.title || "");
    doc.text = unescapeHtml(doc.text || "");
    doc.pageNumber = typeof doc.page === "number" ? doc.page : number;
    var fields = doc.f || {};
    doc.len = {};
    Object.keys(fields).forEach(function (field) {
      var pairs = fields[field], length = 0;
      for (var i = 0; i < pairs.length; i += 2) {
        self.postings[pairs[i]].push(number, field, pairs[i + 1]);
        length += pairs[i + 1];
      }
      doc.len[field] = length;
      totals[field] = (totals[field] || 0) + length;
      counts[field] = (counts[field] || 0) + 1;
    });
  });
  /* Keywords as whole phrases: a query that is one of them puts its pages first. */
  this.phrases = new Map();
  docs.forEach(function (doc, number) {
    (doc.kw || []).forEach(function (phrase) {
      self.phrases.set(phrase, (self.phrases.get(phrase) || []).concat(number));
    });
  });
  this.average = {};
  Object.keys(totals).forEach(function (field) { self.average[field] = totals[field] / counts[field]; });
  this.df = this.postings.map(function (list) {
    var seen = new Set();
    for (var i = 0; i < list.length; i += 3) seen.add(list[i]);
    return seen.size;
  });
  /* English: every word's stem, for stem and prefix look-ups. */
  this.stems = this.lang === "en" ? this.words.map(function (word) { return stem(word); }) : null;
  /* Forms (stems, or words) sorted, for prefix look-ups by binary search; exact stems by map. */
  var forms = this.stems || this.words;
  this.sorted = forms.map(function (form, id) { return id; })
    .sort(function (a, b) { return forms[a] < forms[b] ? -1 : forms[a] > forms[b] ? 1 : 0; });
  this.byStem = new Map();
  if (this.stems) {
    this.stems.forEach(function (form, id) { self.byStem.set(form, (self.byStem.get(form) || []).concat(id)); });
  }
  /* Synonyms: each member of a group (its stem, in English) → the words of the index in its group. */
  this.synonyms = new Map();
  (meta.synonyms || []).forEach(function (group) {
    var keys = group.map(function (word) { return self.stems ? stem(word) : word; });
    var found = [];
    keys.forEach(function (key) {
      if (self.stems) {
        found = found.concat(self.byStem.get(key) || []);
      } else if (self.ids.has(key)) {
        found.push(self.ids.get(key));
      }
    });
    keys.forEach(function (key) {
      self.synonyms.set(key, (self.synonyms.get(key) || []).concat(found));
    });
  });
}

/* The other words of a synonym group, as alternatives of lower weight. */
Index.prototype.synonymsOf = function (key, except) {
  return (this.synonyms.get(key) || []).filter(function (id) { return except.indexOf(id) === -1; })
    .map(function (id) { return { ids: [id], weight: 0.8 }; });
};

Index.prototype.idf = function (id) {
  var n = this.docs.length, df = this.df[id];
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
};

/* Words whose stem (English) or whole form (Japanese, Latin in Japanese) starts with a prefix. */
Index.prototype.startingWith = function (prefix, limit) {
  var forms = this.stems || this.words, sorted = this.sorted;
  var low = 0, high = sorted.length;
  while (low < high) {
    var middle = (low + high) >> 1;
    if (forms[sorted[middle]] < prefix) low = middle + 1;
    else high = middle;
  }
  var found = [];
  for (var i = low; i < sorted.length && found.length < limit; i++) {
    var form = forms[sorted[i]];
    if (form.lastIndexOf(prefix, 0) !== 0) break;
    if (form !== prefix) found.push(sorted[i]);
  }
  return found;
};

Index.prototype.containing = function (part, limit) {
  var found = [];
  for (var id = 0; id < this.words.length && found.length < limit; id++) {
    if (this.words[id].indexOf(part) !== -1) found.push(id);
  }
  return found;
};

/* ---- queries: the typed text as concepts, each a set of words that may stand for it ------ */

function concept(label, alternatives) {
  return { label: label, alternatives: alternatives };
}

/* English: the words with the query word's stem, then those whose stem it begins, then synonyms.
   (Japanese indexes send every run, letters included, through japaneseConcepts.) */
Index.prototype.latinConcept = function (word) {
  var root = stem(word), alternatives = [];
  var self = this;
  (this.byStem.get(root) || []).forEach(function (id) {
    alternatives.push({ ids: [id], weight: self.words[id] === word ? 1 : 0.9 });  /* as typed, or inflected */
  });
  if (root.length >= 3) {
    this.startingWith(root, 40).forEach(function (id) {
      if (self.stems[id] !== root) alternatives.push({ ids: [id], weight: 0.7 });
    });
  }
  var own = alternatives.map(function (alternative) { return alternative.ids[0]; });
  return concept(word, alternatives.concat(this.synonymsOf(root, own)));
};

/* Japanese: the segmentation into the fewest known words (or readings); particles are skipped. */
Index.prototype.japaneseConcepts = function (run, last) {
  var chars = Array.from(run), n = chars.length;
  var cost = [0], back = [null];
  for (var end = 1; end <= n; end++) {
    cost[end] = Infinity;
    for (var start = Math.max(0, end - this.longest); start < end; start++) {
      if (cost[start] === Infinity) continue;
      var piece = chars.slice(start, end).join(""), step = null;
      if (this.stop.has(piece) || (end - start === 1 && PARTICLES.indexOf(piece) !== -1)) {
        step = { cost: end - start === 1 ? 0.6 : 0.9, kind: "skip" };
      }
      else if (this.ids.has(piece) || this.synonyms.has(piece)) step = { cost: 1, kind: "word" };
      else if ((end - start >= 3 || (end - start === 2 && n === 2)) && KANA.test(piece) &&
               this.readings.has(katakana(piece))) {
        /* By reading: three kana or more, or a two-kana query on its own (わび), not した in 約束したこと. */
        step = { cost: 1.3, kind: "reading" };
      } else if (last && end === n && end - start >= 2 && this.startingWith(piece, 1).length) {
        step = { cost: 1.1, kind: "prefix" };  /* still being typed: エスカレーシ… */
      } else if (end - start >= 2 && KATAKANA.test(piece)) {
        step = { cost: 2.5, kind: "part" };  /* an unknown loanword is one word, not its letters */
      } else if (end - start === 1) {
        /* An unknown kana or letter is skipped; an unknown kanji or katakana is looked for inside words. */
        if (/[\p{sc=Hiragana}\p{sc=Latin}\p{Nd}]/u.test(piece)) step = { cost: 1.5, kind: "skip" };
        else step = { cost: 2.5, kind: "part" };
      }
      if (step && cost[start] + step.cost < cost[end]) {
        cost[end] = cost[start] + step.cost;
        back[end] = { start: start, piece: piece, kind: step.kind };
      }
    }
  }
  var pieces = [];
  for (var at = n; at > 0; at = back[at].start) pieces.unshift(back[at]);
  var self = this;
  var concepts = [];
  pieces.forEach(function (piece, index) {
    var isLast = last && index === pieces.length - 1;
    var alternatives = [];
    if (piece.kind === "skip") return;
    if (piece.kind === "word") {
      var id = self.ids.get(piece.piece);
      if (id !== undefined) {
        alternatives.push({ ids: [id], weight: 1 });
        /* A long unit also finds the sections that have all its short parts (電話番号: 電話 and 番号). */
        if (self.splits.has(id)) alternatives.push({ ids: self.splits.get(id), weight: 0.7 });
      }
      alternatives = alternatives.concat(self.synonymsOf(piece.piece, id === undefined ? [] : [id]));
      if (isLast && piece.piece.length >= 2) {
        self.startingWith(piece.piece, 20).forEach(function (id) { alternatives.push({ ids: [id], weight: 0.6 }); });
      }
    } else if (piece.kind === "prefix") {
      self.startingWith(piece.piece, 20).forEach(function (id) { alternatives.push({ ids: [id], weight: 0.8 }); });
    } else if (piece.kind === "reading") {
      self.readings.get(katakana(piece.piece)).forEach(function (id) { alternatives.push({ ids: [id], weight: 0.9 }); });
    } else {
      self.containing(piece.piece, 40).forEach(function (id) { alternatives.push({ ids: [id], weight: 0.4 }); });
    }
    concepts.push(concept(piece.piece, alternatives));
  });
  if (!concepts.length) {  /* particles only: look for the text as typed */
    concepts.push(concept(run, this.containing(run, 40).map(function (id) { return { ids: [id], weight: 0.5 }; })));
  }
  return concepts;
};

Index.prototype.parse = function (query) {
  var text = normalise(query);
  var complete = /\s$/.test(text);
  var tokens = text.split(/[\s、。，．,.!?！？・／/「」『』（）()]+/).filter(Boolean);
  var self = this;
  var concepts = [];
  tokens.forEach(function (token, number) {
    var runs = token.match(/[\p{sc=Latin}\p{Nd}'’]+|[^\p{sc=Latin}\p{Nd}'’]+/gu) || [];
    runs.forEach(function (run, index) {
      var last = !complete && number === tokens.length - 1 && index === runs.length - 1;
      if (LATIN.test(run) && self.stems) {
        var word = run.replace(/['’]s$/, "");
        if (!self.stop.has(word)) concepts.push(self.latinConcept(word));
      } else {
        concepts = concepts.concat(self.japaneseConcepts(run, last));
      }
    });
  });
  if (!concepts.length && tokens.length) {  /* English stop words only: search them as typed */
    tokens.forEach(function (token) { concepts.push(self.latinConcept(token)); });
  }
  return concepts.slice(0, 30);
};

/* ---- ranking ------------------------------------------------------------------------------ */

Index.prototype.fieldScore = function (doc, field, tf, idf) {
  var norm = field === "b" ? 1 - B + B * doc.len.b / this.average.b : 1;
  return WEIGHTS[field] * idf * tf * (K1 + 1) / (tf + K1 * norm);
};

/* doc → score of one word over its fields. */
Index.prototype.scores = function (id) {
  var list = this.postings[id], idf = this.idf(id), sums = new Map();
  for (var i = 0; i < list.length; i += 3) {
    var doc = list[i];
    sums.set(doc, (sums.get(doc) || 0) + this.fieldScore(this.docs[doc], list[i + 1], list[i + 2], idf));
  }
  return sums;
};

/* doc → summed score, for the docs that have every one of the words. */
Index.prototype.together = function (ids) {
  var self = this;
  var maps = ids.map(function (id) { return self.scores(id); });
  var result = new Map();
  maps[0].forEach(function (score, doc) {
    var sum = score;
    for (var i = 1; i < maps.length; i++) {
      if (!maps[i].has(doc)) return;
      sum += maps[i].get(doc);
    }
    result.set(doc, sum);
  });
  return result;
};

Index.prototype.search = function (query) {
  var concepts = this.parse(query);
  if (!concepts.length) return { items: [] };
  var self = this;
  var docScores = new Map();  /* doc → {score, cover, words: Set} */
  concepts.forEach(function (item, bit) {
    var best = new Map();  /* doc → [score, word id] for this concept */
    item.alternatives.forEach(function (alternative) {
      self.together(alternative.ids).forEach(function (sum, doc) {
        var score = sum * alternative.weight, current = best.get(doc);
        if (!current || score > current[0]) best.set(doc, [score].concat(alternative.ids));
        else current.push.apply(current, alternative.ids);
      });
    });
    best.forEach(function (value, doc) {
      var entry = docScores.get(doc) || { score: 0, cover: 0, words: new Set() };
      entry.score += value[0];
      entry.cover |= 1 << bit;
      for (var i = 1; i < value.length; i++) entry.words.add(value[i]);
      docScores.set(doc, entry);
    });
  });
  /* One result per page: the page's coverage is every concept found anywhere on it. */
  var pages = new Map();
  docScores.forEach(function (entry, number) {
    var page = self.docs[number].pageNumber;
    var group = pages.get(page) || { cover: 0, best: null, bestNumber: -1, total: 0, words: new Set() };
    group.cover |= entry.cover;
    group.total += entry.score;
    entry.words.forEach(function (id) { group.words.add(id); });
    if (!group.best || bits(entry.cover) > bits(group.best.cover) ||
        (bits(entry.cover) === bits(group.best.cover) && entry.score > group.best.score)) {
      group.best = entry;
      group.bestNumber = number;
    }
    pages.set(page, group);
  });
  var ranked = [];
  var phrase = normalise(query).split(/\s+/).filter(Boolean).join(" ");
  var bestBets = new Set(this.phrases.get(phrase) || []);
  pages.forEach(function (group, page) {
    var score = group.best.score + 0.15 * (group.total - group.best.score);
    score *= Math.pow(MISSING, concepts.length - bits(group.cover));
    if (bestBets.has(page)) score = score * 2 + 20;
    ranked.push({ page: page, group: group, score: score });
  });
  ranked.sort(function (a, b) { return b.score - a.score; });
  return {
    items: ranked.slice(0, MAX_RESULTS).map(function (result) { return self.item(result, concepts); })
  };
};

function bits(value) {
  var count = 0;
  for (; value; value >>>= 1) count += value & 1;
  return count;
}

/* ---- what Material shows: the page, its best section, an excerpt; every text escaped ------ */

Index.prototype.marker = function (ids) {
  var forms = Array.from(ids).map(function (id) { return this.words[id]; }, this)
    .sort(function (a, b) { return b.length - a.length; });
  if (!forms.length) return null;
  var pattern = forms.map(escapeRegExp).join("|");
  return new RegExp(this.lang === "en" ? "\\b(?:" + pattern + ")" : "(?:" + pattern + ")", "gi");
};

function marked(text, marker) {
  if (!marker) return escapeHtml(text);
  var out = "", at = 0, match;
  marker.lastIndex = 0;
  while ((match = marker.exec(text)) !== null) {
    if (!match[0]) { marker.lastIndex++; continue; }
    out += escapeHtml(text.slice(at, match.index)) + "<mark data-md-highlight>" + escapeHtml(match[0]) + "</mark>";
    at = match.index + match[0].length;
  }
  return out + escapeHtml(text.slice(at));
}

Index.prototype.excerpt = function (text, marker) {
  var sizes = EXCERPT[this.lang] || EXCERPT.en;
  var first = 0;
  if (marker) {
    marker.lastIndex = 0;
    var match = marker.exec(text);
    if (match) first = match.index;
  }
  var start = Math.max(0, first - sizes[0]);
  if (start > 0 && this.lang === "en") {
    var space = text.indexOf(" ", start);
    if (space !== -1 && space < first) start = space + 1;
  }
  var end = Math.min(text.length, start + sizes[1]);
  var body = marked(text.slice(start, end), marker);
  return "<p>" + (start > 0 ? "…" : "") + body + (end < text.length ? "…" : "") + "</p>";
};

Index.prototype.item = function (result, concepts) {
  var group = result.group, self = this;
  /* Whole words are marked; a single character only when it was the query word itself. */
  var labels = new Set(concepts.map(function (item) { return item.label; }));
  var marker = this.marker(Array.from(group.words).filter(function (id) {
    return self.words[id].length > 1 || labels.has(self.words[id]);
  }));
  var article = this.docs[result.page], best = this.docs[group.bestNumber];
  var terms = {};
  group.words.forEach(function (id) { terms[self.words[id]] = true; });
  concepts.forEach(function (item, bit) {
    if (!(group.cover & (1 << bit))) terms[item.label] = false;
  });
  var score = result.score;
  var head = { location: article.location, title: marked(article.title, marker), score: score, terms: terms };
  if (best === article) {
    head.text = this.excerpt(article.text, marker);
    return [head];
  }
  head.text = "";
  return [head, {
    location: best.location, title: marked(best.title, marker), text: this.excerpt(best.text, marker),
    score: score, terms: terms
  }];
};

/* ---- Material's worker protocol ----------------------------------------------------------- */

var index = null;
/* Over HTTP the page hands over only a stub naming where the whole index is (see FULL_INDEX in
   handbook/search_index.py): it is fetched a few seconds after the page has opened, or at the
   first query if that comes sooner, so that it never competes with the page being drawn. */
var DEFERRED_AFTER = 3000;
var deferred = null;
var loading = null;

function setup(data) {
  index = new Index(data.config, data.docs);
  /* One search before the first keystroke: the engine compiles its code and patterns now. */
  if (index.words.length) index.search(index.words[0] + " " + index.words[index.words.length - 1]);
}

function load() {
  if (!loading) {
    loading = fetch(deferred).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + deferred);
      return response.json();
    }).then(setup, function (error) {
      loading = null; /* tried again at the next query */
      throw error;
    });
  }
  return loading;
}

function handle(message) {
  if (message.type === SETUP) {
    var meta = message.data.config.handbook || {};
    if (meta.deferred) {
      deferred = new URL(meta.deferred, self.location.href).href;
      setTimeout(function () { load().catch(function () {}); }, DEFERRED_AFTER);
    } else {
      setup(message.data);
    }
    return { type: READY };
  }
  if (message.type === QUERY) {
    try {
      return { type: RESULT, data: index ? index.search(String(message.data || "")) : { items: [] } };
    } catch (error) {
      console.warn("search: " + error);
      return { type: RESULT, data: { items: [] } };
    }
  }
  throw new TypeError("Invalid message type");
}

if (typeof module === "object" && module.exports) {
  module.exports = { Index: Index, handle: handle, stem: stem, katakana: katakana };
} else {
  addEventListener("message", function (event) {
    if (event.data.type === QUERY && !index && deferred) {
      load().then(function () { postMessage(handle(event.data)); }, function (error) {
        console.warn("search: " + error);
        postMessage({ type: RESULT, data: { items: [] } });
      });
      return;
    }
    postMessage(handle(event.data));
  });
}
