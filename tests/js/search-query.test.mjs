// Unit tests of the search-query normalisation (overrides/assets/javascripts/search-query.js),
// run under Node's own test runner: the real file, with a stand-in for the browser's Worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const source = readFileSync(new URL("../../overrides/assets/javascripts/search-query.js", import.meta.url), "utf8");

// What a worker receives when the page posts ``message`` to it, with the script installed.
function received(message) {
  const sent = [];
  class Worker {
    postMessage(posted) { sent.push(posted); }
  }
  vm.runInNewContext(source, { window: { Worker } });
  new Worker().postMessage(message);
  return sent[0];
}

function searchFor(query) {
  return received({ type: 2, data: query }).data;
}

test("a kanji+katakana compound typed without spaces is split into its runs", () => {
  assert.equal(searchFor("現場スタッフ"), "現場 スタッフ");
});

test("particles and short hiragana are dropped", () => {
  assert.equal(searchFor("社長の訪問"), "社長 訪問");
  assert.equal(searchFor("取引先が社長を求める理由"), "取引先 社長 求 理由");
});

test("an honorific お/ご stays with its kanji", () => {
  assert.equal(searchFor("お詫び"), "お詫");
});

test("a query of particles only is searched as typed", () => {
  assert.equal(searchFor("から"), "から");
});

test("English words become stem prefixes", () => {
  assert.equal(searchFor("Apologizing"), "apolog");
  assert.equal(searchFor("escalation reports"), "escal report");
  assert.equal(searchFor("who"), "who");
});

test("full-width letters and digits are folded (NFKC)", () => {
  assert.equal(searchFor("７２時間"), "72 時間");
});

test("quoted phrases and lunr syntax are left alone", () => {
  assert.equal(searchFor('"holding statement"'), '"holding statement"');
  assert.equal(searchFor("+apology -letter"), "+apology -letter");
});

test("other messages to the worker are not touched", () => {
  const setup = { type: 0, data: { docs: [] } };
  assert.equal(received(setup), setup);
});
