// Lighthouse's four category scores for each page, on a phone and on a desktop.
//
// Usage: node lighthouse.mjs plan.json  (written by tests/audit/audits.py)
//   {"form_factors": ["mobile", "desktop"], "chrome": "/usr/bin/chromium", "flags": [...], "cookies": [{name, value, url}],
//    "pages": [{"name", "url"} | {"name", "url", "submit": {"fields": {selector: text},
//              "button": selector}}]}
// Prints [{"page", "form_factor", "scores": {category: 0..1}, "failed": {category: [audit
// id, ...]}, "error": Lighthouse's runtime error or null}].
//
// A page reached by a form (the import preview is the answer to a POST) is audited as a
// user flow: Lighthouse measures the navigation the click starts. Storage is not reset, so
// the editor's session cookie holds.
import fs from "node:fs";
import puppeteer from "puppeteer-core";
import { desktopConfig, startFlow } from "lighthouse";

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const results = [];

const browser = await puppeteer.launch({
  executablePath: plan.chrome,
  args: plan.flags,
  headless: true,
});
try {
  for (const formFactor of plan.form_factors) {
    for (const page of plan.pages) {
      const tab = await browser.newPage();
      if (plan.cookies.length) await browser.setCookie(...plan.cookies);
      const flow = await startFlow(tab, {
        config: formFactor === "desktop" ? desktopConfig : undefined,
        flags: { disableStorageReset: true, onlyCategories: CATEGORIES },
      });
      if (page.submit) {
        // Filled before the measure starts: the form growing to hold the text is no
        // layout shift of the page answering it.
        await tab.goto(page.url, { waitUntil: "load" });
        for (const [selector, text] of Object.entries(page.submit.fields)) {
          await tab.$eval(selector, (element, value) => { element.value = value; }, text);
        }
        await flow.navigate(async () => {
          await Promise.all([tab.waitForNavigation(), tab.click(page.submit.button)]);
        });
      } else {
        await flow.navigate(page.url);
      }
      const lhr = (await flow.createFlowResult()).steps[0].lhr;
      const scores = {};
      const failed = {};
      for (const id of CATEGORIES) {
        const category = lhr.categories[id];
        scores[id] = category.score;
        failed[id] = category.auditRefs
          .filter((ref) => ref.weight > 0)
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit.score !== null && audit.score < 1)
          .map((audit) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
      }
      const error = lhr.runtimeError ? lhr.runtimeError.message : null;
      results.push({ page: page.name, form_factor: formFactor, scores, failed, error });
      await tab.close();
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
