// "Use the suggestion" on a petition's classify form: the suggested field and level of competence are put into
// the form's selects, nothing is sent. The clerk checks them, fills in the agency and records the form.
(function () {
  "use strict";

  document.querySelectorAll("[data-classify-use]").forEach((button) => {
    button.addEventListener("click", () => {
      const form = button.closest("section")?.querySelector("form");
      if (!form) {
        return;
      }
      let first = null;
      for (const name of ["field", "competence"]) {
        const value = button.dataset[name];
        const select = form.querySelector(`select[name="${name}"]`);
        if (!value || !select || !Array.from(select.options).some((o) => o.value === value)) {
          continue;
        }
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        first = first || select;
      }
      if (first) {
        first.focus();
      }
    });
  });
})();
