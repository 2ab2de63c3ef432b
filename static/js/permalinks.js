// A long interview is read a page at a time. A permalink written before the pages existed
// (/interviews/<slug>/#x-…, the fragment never reaching the server) to a passage of another
// page asks the server for the page that holds it (?at=), which it finds without this script
// for every permalink the archive writes now.
(function () {
  "use strict";
  var anchor = decodeURIComponent(window.location.hash.slice(1));
  if (!/^x-[0-9a-f]{1,12}(-q|-p[1-9][0-9]*)?(-s[1-9][0-9]*)?$/.test(anchor)) return;
  if (document.getElementById(anchor)) return;
  var passage = anchor.replace(/-s[0-9]+$/, "");
  if (document.getElementById(passage)) return;
  var params = new URLSearchParams(window.location.search);
  if (params.get("at") === passage) return; // asked already: the passage is gone
  params.delete("page");
  params.set("at", passage);
  window.location.replace("?" + params.toString() + "#" + anchor);
})();
