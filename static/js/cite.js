// "Cite" links and copy buttons. Without JavaScript a "Cite" link opens the cite page
// and its references can be selected by hand; with it, the link shows that page's
// #cite-panel in a <dialog>, and each reference gets a working "Copy" button.
(() => {
  "use strict";

  const canCopy = Boolean(navigator.clipboard && window.isSecureContext);

  function enableCopyButtons(root) {
    if (!canCopy) return;
    for (const button of root.querySelectorAll("button.copy-reference")) {
      button.hidden = false;
    }
  }

  async function copyReference(button) {
    const panel = button.closest("#cite-panel");
    await navigator.clipboard.writeText(button.dataset.copy);
    const label = button.textContent;
    button.textContent = (panel && panel.dataset.copiedLabel) || label;
    button.dataset.copied = "true";
    setTimeout(() => {
      button.textContent = label;
      delete button.dataset.copied;
    }, 2000);
  }

  function citeDialog() {
    let dialog = document.querySelector("dialog.cite-dialog");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "cite-dialog";
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      dialog.addEventListener("click", (event) => {
        if (event.target === dialog) dialog.close();
      });
      document.body.append(dialog);
    }
    return dialog;
  }

  async function openCitePanel(link) {
    // Errors (HTTP 400) come as a page with a #cite-panel too: it says why.
    const response = await fetch(link.href, { credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const panel = page.getElementById("cite-panel");
    if (!panel) throw new Error(`no #cite-panel at ${link.href}`);
    const dialog = citeDialog();
    const close = document.createElement("form");
    close.method = "dialog";
    close.className = "cite-dialog__close";
    const button = document.createElement("button");
    button.type = "submit";
    button.textContent = panel.dataset.closeLabel || "×";
    close.append(button);
    dialog.replaceChildren(close, document.importNode(panel, true));
    enableCopyButtons(dialog);
    dialog.showModal();
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.copy-reference");
    if (button) {
      copyReference(button).catch(() => {
        button.dataset.copied = "false";
      });
      return;
    }
    const link = event.target.closest("a.cite-link");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    openCitePanel(link).catch(() => {
      window.location.assign(link.href);
    });
  });

  enableCopyButtons(document);
})();
