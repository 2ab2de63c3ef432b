// "Copy link" beside each paragraph's permalink: copies the permalink's full address. Without
// this script the buttons stay hidden and the permalink is a plain link, to open or to
// long-press and copy.
(function () {
  "use strict";
  var root = document.querySelector("[data-copied-label]");
  var copied = root ? root.getAttribute("data-copied-label") : "✓";
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var link = button.parentNode.querySelector("a[href]");
    if (!link) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var address = link.href;
      button.setAttribute("data-copied", address);
      var done = function () {
        button.textContent = copied;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(address).then(done, done);
      } else {
        done();
      }
    });
  });
})();
