// Behaviours every page may use, declared by data attributes instead of inline handlers (the
// Content-Security-Policy forbids onchange="...", onclick="..." and the like). Delegated from the document,
// so elements that htmx swaps in later behave the same.
//   data-autosubmit       on a select or checkbox: changing it sends its form (filters, the council switch)
//   data-print            on a button: prints the page
//   data-select-on-focus  on an input: focusing it selects its text (an address to copy)
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    const field = event.target;
    if (field instanceof Element && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });

  document.addEventListener("click", function (event) {
    const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("focusin", function (event) {
    const field = event.target;
    if (field instanceof HTMLInputElement && field.hasAttribute("data-select-on-focus")) {
      field.select();
    }
  });
})();
