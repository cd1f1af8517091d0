/* Search query normalisation for Material's built-in search (lunr), HTTP and file:// alike.
   Material's worker receives the query as {type: 2, data: query}; this rewrites that message:
   - Japanese: splits runs of kanji, katakana, hiragana and Latin letters/digits (so a compound
     typed without spaces, 現場スタッフ, becomes 現場 スタッフ) and drops particles (の, を, …);
   - English: reduces each word to a stem prefix (apologizing → apolog, escalation → escal), so
     that with Material's trailing wildcard every inflection finds the others.
   What the reader typed stays in the box and in the highlighting. */
(function () {
  "use strict";

  var SEARCH_QUERY = 2;
  var RUNS = /[\p{sc=Han}々〆ヶ]+|[\p{sc=Katakana}ー]+|[\p{sc=Hiragana}]+|[\p{sc=Latin}\p{Nd}]+/gu;
  var PARTICLE = /^(?:の|を|に|は|が|で|と|へ|や|も|か|な|ね|よ|から|まで|より|など|する|した|して|します|です|ます|こと|もの)$/;
  var SUFFIXES = ["izing", "ising", "ization", "isation", "ations", "ation", "ments", "ment", "ings",
    "ing", "ized", "ised", "izes", "ises", "ize", "ise", "ies", "ied", "ed", "es", "s", "y", "e"];

  function stem(word) {
    for (var i = 0; i < SUFFIXES.length; i++) {
      var suffix = SUFFIXES[i];
      if (word.length - suffix.length >= 4 && word.slice(-suffix.length) === suffix) {
        return word.slice(0, -suffix.length);
      }
    }
    return word;
  }

  function terms(query) {
    var runs = (query.normalize("NFKC").toLowerCase().match(RUNS) || []).reduce(function (out, run) {
      /* An honorific お/ご belongs to the kanji after it: お詫び → お詫, not 詫. */
      var last = out[out.length - 1];
      if (/^\p{sc=Han}/u.test(run) && (last === "お" || last === "ご")) out[out.length - 1] = last + run;
      else out.push(run);
      return out;
    }, []);
    var kept = runs.filter(function (run) {
      return !(/^\p{sc=Hiragana}+$/u.test(run) && (run.length <= 2 || PARTICLE.test(run)));
    });
    if (!kept.length) kept = runs; /* a query of particles only: search it as typed */
    return kept.map(function (run) {
      return /^[a-z]+$/.test(run) ? stem(run) : run;
    }).join(" ");
  }

  /* Quoted phrases and lunr syntax (+, -, field:) are left alone. */
  function rewrite(query) {
    return /["+\-:~^*]/.test(query) ? query : terms(query);
  }

  if (typeof window.Worker !== "function") return;
  var post = window.Worker.prototype.postMessage;
  window.Worker.prototype.postMessage = function (message) {
    if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
      arguments[0] = { type: SEARCH_QUERY, data: rewrite(message.data) };
    }
    return post.apply(this, arguments);
  };
})();
