// Render CSL-JSON items through CSL styles with citeproc-js (the processor Zotero uses),
// as Markdown: italics `_…_`, bold `**…**`, the locale's curly quotes.
// stdin: {"locale": xml, "items": [...], "jobs": [{"style": xml, "notes": bool}]}
// stdout: [{"bib": {id: string}, "note": {id: string}, "short": {id: string}}] per job.
"use strict";
const CSL = require("citeproc");

const md = Object.assign({}, CSL.Output.Formats.text);
md["@font-style/italic"] = "_%%STRING%%_";
md["@font-style/oblique"] = "_%%STRING%%_";
md["@font-weight/bold"] = "**%%STRING%%**";
CSL.Output.Formats.markdown = md;

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const byId = {};
for (const item of input.items) byId[item.id] = item;
const sys = {
  retrieveLocale: () => input.locale,
  retrieveItem: (id) => byId[id],
};
const out = [];
for (const job of input.jobs) {
  const result = { bib: {}, note: {}, short: {} };
  try {
    const engine = new CSL.Engine(sys, job.style);
    engine.setOutputFormat("markdown");
    const ids = input.items.map((i) => i.id);
    engine.updateItems(ids);
    const [meta, entries] = engine.makeBibliography() || [{ entry_ids: [] }, []];
    meta.entry_ids.forEach((idList, n) => {
      if (entries[n]) result.bib[idList[0]] = entries[n].trim();
    });
    if (job.notes) {
      for (const item of input.items) {
        const cite = { id: item.id };
        if (item._locator) cite.locator = item._locator;
        result.note[item.id] = engine.makeCitationCluster([cite]);
        result.short[item.id] = engine.makeCitationCluster([Object.assign({ position: 1 }, cite)]);
      }
    }
  } catch (err) {
    result.error = String(err);
  }
  out.push(result);
}
process.stdout.write(JSON.stringify(out));
