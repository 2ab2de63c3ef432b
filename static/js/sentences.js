// Pointing at a sentence, or moving to it with the keyboard, shows the sentences that
// translate it in the other column. Without this script the text reads the same.
(function () {
  "use strict";
  function pair(event, on) {
    var sentence = event.target.closest && event.target.closest(".s[data-group]");
    if (!sentence) return;
    var row = sentence.closest(".row") || document;
    row.querySelectorAll('.s[data-group="' + CSS.escape(sentence.dataset.group) + '"]')
      .forEach(function (each) { each.classList.toggle("s--paired", on); });
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) { pair(event, true); });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) { pair(event, false); });
  });
})();
