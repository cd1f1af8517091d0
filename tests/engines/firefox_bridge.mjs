// Firefox ESR driven by puppeteer-core over WebDriver BiDi, for tests/engines/firefox.py.
// One JSON command per line on stdin ({"cmd": "goto", "url": ...}); one JSON reply per line on
// stdout ({"ok": value} or {"error": message}). First line out: {"ok": "<browser version>"}.
//   node tests/engines/firefox_bridge.mjs /usr/bin/firefox-esr <download folder>
import { createInterface } from 'node:readline';
import puppeteer from 'puppeteer-core';

const [executablePath, downloads] = process.argv.slice(2);
const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath,
  headless: true,
  extraPrefsFirefox: {
    // Let the tests read the clipboard back (no paste prompt), as Playwright's permission does in Chromium.
    'dom.events.testing.asyncClipboard': true,
    // Downloads land in the given folder without a dialog.
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
  },
});
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
page.setDefaultTimeout(15000); // below the Python side's deadline, so puppeteer's message comes back
let errors = [];
// Firefox reports a load cut short by leaving the page (the previous page's search index, say) as
// NS_BINDING_ABORTED, sometimes after the next page has opened: the browser's doing, not a page error.
const CANCELLED = 'NS_BINDING_ABORTED';
const record = (text) => { if (text.trim() !== CANCELLED) errors.push(`${text} (${page.url()})`); };
page.on('pageerror', (error) => record(String(error.message || error)));
page.on('console', (message) => {
  if (message.type() === 'error') record(message.text());
});

const commands = {
  goto: ({ url }) => page.goto(url, { waitUntil: 'load' }).then(() => null),
  url: () => page.url(),
  reload: () => page.reload({ waitUntil: 'load' }).then(() => null),
  // The expression may be a promise; its value comes back as JSON.
  evaluate: ({ expression }) => page.evaluate(`(async () => (${expression}))()`),
  click: ({ selector }) => page.click(selector).then(() => null),
  clickAndWait: ({ selector }) =>
    Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]).then(() => null),
  hover: ({ selector }) => page.hover(selector).then(() => null),
  type: ({ selector, text }) => page.type(selector, text).then(() => null),
  press: ({ selector, key }) => page.focus(selector).then(() => page.keyboard.press(key)).then(() => null),
  pdf: () => page.pdf({ format: 'A4' }).then((bytes) => Buffer.from(bytes).toString('base64')),
  errors: () => { const found = errors; errors = []; return found; },
};

const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
reply({ ok: await browser.version() });
for await (const line of createInterface({ input: process.stdin })) {
  const { cmd, ...args } = JSON.parse(line);
  if (cmd === 'close') break;
  try {
    reply({ ok: (await commands[cmd](args)) ?? null });
  } catch (error) {
    reply({ error: `${cmd}: ${error.message || error}` });
  }
}
await browser.close();
reply({ ok: null });
