// Lighthouse's four category scores for each page and form factor asked for, in one browser.
//
// Usage: node lighthouse.mjs plan.json  (written by tests/audit/audits.py)
//   {"chrome": "/usr/bin/chromium", "flags": [...], "cookies": [{name, value, url}],
//    "reports": a directory for each run's HTML report, or null,
//    "runs": [{"name", "url", "form_factor": "mobile" | "desktop", "skip_audits": [audit id]}
//             (+ "submit": {"fields": {selector: text}, "button": selector} for a page that
//             answers a form)]}
// Prints [{"page", "form_factor", "scores": {category: 0..1}, "failed": {category: [audit
// id, ...]}, "seconds": the run's duration, "error": Lighthouse's runtime error or null}].
//
// A page reached by a form (the import preview is the answer to a POST) is audited as a
// user flow: Lighthouse measures the navigation the click starts. Storage is not reset, so
// the editor's session cookie holds.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { desktopConfig, startFlow } from "lighthouse";

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const FLAGS = {
  disableStorageReset: true,
  onlyCategories: CATEGORIES,
  // Neither counts in a score, and each costs seconds a page: a screenshot of the whole page,
  // and a second navigation away and back to see whether the page could come from the
  // back/forward cache.
  disableFullPageScreenshot: true,
  skipAudits: ["bf-cache"],
};
const results = [];

async function measure(browser, run) {
  const tab = await browser.newPage();
  if (plan.cookies.length) await browser.setCookie(...plan.cookies);
  const flow = await startFlow(tab, {
    config: run.form_factor === "desktop" ? desktopConfig : undefined,
    flags: { ...FLAGS, skipAudits: [...FLAGS.skipAudits, ...run.skip_audits] },
  });
  if (run.submit) {
    // Filled before the measure starts: the form growing to hold the text is no layout
    // shift of the page answering it.
    await tab.goto(run.url, { waitUntil: "load" });
    for (const [selector, text] of Object.entries(run.submit.fields)) {
      await tab.$eval(selector, (element, value) => { element.value = value; }, text);
    }
    await flow.navigate(async () => {
      await Promise.all([tab.waitForNavigation(), tab.click(run.submit.button)]);
    });
  } else {
    await flow.navigate(run.url);
  }
  const lhr = (await flow.createFlowResult()).steps[0].lhr;
  if (plan.reports) {
    const name = `${run.name}-${run.form_factor}.html`;
    fs.writeFileSync(path.join(plan.reports, name), await flow.generateReport());
  }
  await tab.close();
  return lhr;
}

const browser = await puppeteer.launch({
  executablePath: plan.chrome,
  args: plan.flags,
  headless: true,
});
try {
  for (const run of plan.runs) {
    const started = performance.now();
    const lhr = await measure(browser, run);
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
    results.push({
      page: run.name,
      form_factor: run.form_factor,
      scores,
      failed,
      seconds: (performance.now() - started) / 1000,
      error: lhr.runtimeError ? lhr.runtimeError.message : null,
    });
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
