// The translation editor warns before leaving a page whose text was changed and not saved.
// Saving (submitting the form) is leaving on purpose: no warning then.
(function () {
  "use strict";
  var changed = new Set();
  document.querySelectorAll("form.text-form").forEach(function (form) {
    form.addEventListener("input", function () { changed.add(form); document.body.dataset.unsaved = changed.size; });
    form.addEventListener("submit", function () { changed.clear(); });
  });
  window.addEventListener("beforeunload", function (event) {
    if (!changed.size) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
