// Unit tests of the search worker (overrides/assets/javascripts/search-worker.js) under Node's
// own test runner, on a small index written here in the format handbook/search_index.py makes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Index, handle, stem, katakana } = require("../../overrides/assets/javascripts/search-worker.js");

// Word ids: the position in `words`. Fields: t page title, k keywords, h section heading, b body.
function japanese() {
  const words = ["連絡先", "連絡", "電話", "謝罪", "の", "場", "初動", "対応", "社長", "訪問", "再発防止", "再発",
    "防止", "<img src=x onerror=alert(1)>", "取引先", "8d"];
  const id = (word) => words.indexOf(word);
  const pairs = (...list) => list.flatMap((word) => [id(word), 1]);
  const docs = [
    { location: "contacts.html", title: "連絡先", text: "社長の電話番号と連絡の順序です。", f: { t: pairs("連絡先"), k: pairs("電話"), b: pairs("社長", "電話", "連絡") } },
    { location: "apology.html", title: "謝罪の場", text: "取引先への謝罪の進め方です。", f: { t: pairs("謝罪", "場"), b: pairs("取引先", "謝罪") } },
    { location: "apology.html#visit", title: "社長の訪問", text: "社長が取引先を訪問するときの順序。", page: 1, f: { h: pairs("社長", "訪問"), b: pairs("社長", "取引先", "訪問") } },
    { location: "start.html", title: "最初にすること", text: "初動の対応を一つずつ確かめます。", f: { t: [], k: pairs("初動"), b: pairs("初動", "対応") } },
    { location: "prevention.html", title: "再発防止", text: "再発防止の計画と 8D の報告書。", f: { t: pairs("再発防止", "再発", "防止"), b: pairs("再発防止", "8d") } },
    { location: "hostile.html", title: "<img src=x onerror=alert(1)>", text: "<img src=x onerror=alert(1)> と書かれた社名", f: { t: pairs("<img src=x onerror=alert(1)>"), b: pairs("<img src=x onerror=alert(1)>") } },
  ];
  const config = { handbook: { version: 1, lang: "ja", words, readings: { シャザイ: [id("謝罪")], サイハツボウシ: [id("再発防止")], シタ: [id("場")] },
    splits: { [id("再発防止")]: [id("再発"), id("防止")] }, stopwords: ["する", "こと"], synonyms: [["取引先", "客先"]] } };
  return new Index(config, docs);
}

const pages = (index, query) => index.search(query).items.map((item) => item[0].location);

test("a compound typed as one word is split into the words of the index", () => {
  const index = japanese();
  assert.deepEqual(index.parse("初動対応").map((concept) => concept.label), ["初動", "対応"]);
  assert.equal(pages(index, "初動対応")[0], "start.html");
  // A loanword the pages do not use stays one word, not its letters.
  assert.deepEqual(index.parse("再発サイクル").map((concept) => concept.label), ["再発", "サイクル"]);
});

test("particles and stop words are skipped; a query of them alone still searches", () => {
  const index = japanese();
  assert.deepEqual(index.parse("謝罪の場").map((concept) => concept.label), ["謝罪", "場"]);
  assert.deepEqual(index.parse("社長の訪問をすること").map((concept) => concept.label), ["社長", "訪問"]);
});

test("kana find the words they are the reading of, but not inside other words", () => {
  const index = japanese();
  assert.equal(pages(index, "しゃざい")[0], "apology.html");
  assert.equal(pages(index, "サイハツボウシ")[0], "prevention.html");
  // した is a verb ending after 約束, not the reading of 場: two kana inside a longer query stay kana.
  assert.deepEqual(index.parse("社長した").map((concept) => concept.label), ["社長"]);
});

test("a long word also finds sections with all its parts, and synonyms find each other", () => {
  const index = japanese();
  const alternatives = index.parse("再発防止")[0].alternatives.map((alternative) => alternative.ids.length);
  assert.deepEqual(alternatives, [1, 2]);
  assert.ok(pages(index, "客先").includes("apology.html"));
});

test("titles and keywords rank above the body; one result per page, with its best section", () => {
  const index = japanese();
  assert.equal(pages(index, "電話")[0], "contacts.html");
  const [item] = index.search("社長 訪問").items;
  assert.equal(item[0].location, "apology.html");
  assert.equal(item[1].location, "apology.html#visit");
  assert.equal(new Set(pages(index, "社長")).size, pages(index, "社長").length);
});

test("letters and digits written together are one word (8D)", () => {
  assert.equal(pages(japanese(), "8D")[0], "prevention.html");
});

test("whole words are marked, and every text is escaped", () => {
  const index = japanese();
  const [item] = index.search("社長 訪問").items;
  assert.match(item[1].text, /<mark data-md-highlight>社長<\/mark>/);
  assert.doesNotMatch(item[1].text, /<mark data-md-highlight>社<\/mark>/);
  const [hostile] = index.search("<img src=x onerror=alert(1)>").items;
  assert.ok(hostile, "the hostile name is found");
  for (const field of [hostile[0].title, hostile[0].text]) {
    assert.doesNotMatch(field, /<img/);
    assert.match(field, /&lt;img/);
  }
});

test("an excerpt is short even for a long section", () => {
  const words = ["checklist", "item"];
  const text = Array.from({ length: 200 }, (_, n) => `item ${n} of the checklist`).join(". ");
  const index = new Index({ handbook: { lang: "en", words, readings: {}, stopwords: ["of", "the"] } },
    [{ location: "c.html", title: "Checklist", text, f: { t: [0, 1], b: [0, 200, 1, 200] } }]);
  const [item] = index.search("item").items;
  assert.ok(item[0].text.length < 600, item[0].text.length);
});

test("English words and queries meet at their stems; stop words are dropped", () => {
  assert.equal(stem("apologizing"), stem("apologize"));
  assert.equal(stem("escalation"), "escal");
  const words = ["apologize", "apology", "who", "does", "what", "roles"];
  const index = new Index({ handbook: { lang: "en", words, readings: {}, stopwords: ["who", "does", "what"],
    synonyms: [["sorry", "apology"]] } }, [
    { location: "a.html", title: "Apology", text: "How to apologize.", f: { t: [1, 1], b: [0, 1] } },
    { location: "r.html", title: "Who does what", text: "Roles.", f: { t: [2, 1, 3, 1, 4, 1], b: [5, 1] } },
  ]);
  assert.equal(pages(index, "apologizing")[0], "a.html");
  assert.equal(pages(index, "sorry")[0], "a.html");
  assert.equal(pages(index, "who does what")[0], "r.html", "a query of stop words only is searched as typed");
  assert.deepEqual(index.parse("what roles").map((concept) => concept.label), ["roles"]);
});

test("the worker answers Material's messages, and a query before the index gives no results", () => {
  assert.deepEqual(handle({ type: 2, data: "社長" }).data, { items: [] });
  const index = japanese();
  assert.deepEqual(handle({ type: 0, data: { config: { handbook: { lang: "ja", words: index.words, readings: {} } },
    docs: [] } }), { type: 1 });
  assert.equal(handle({ type: 2, data: "社長" }).type, 3);
  assert.equal(katakana("しゃざい"), "シャザイ");
});
