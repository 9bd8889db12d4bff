// Forms marked data-confirm ask before they are sent (the question is in data-question): merging petitions,
// which cannot be undone. Delegated from the document, so forms added later by htmx ask too.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-confirm")) {
      if (!window.confirm(form.dataset.question || "")) {
        event.preventDefault();
      }
    }
  });
})();
