// Roll call by keyboard: 1/2/3/0 choose for the focused delegate and move to the next one; ↑/↓ move between
// delegates; "set all remaining" fills the rows without a choice; a live tally compares with the recorded totals.
(function () {
  "use strict";
  const form = document.getElementById("roll-call-form");
  if (!form) return;
  const rows = Array.from(form.querySelectorAll("[data-roll-row]"));
  const tally = document.getElementById("roll-call-tally");
  const COUNTED = ["approve", "reject", "abstain"];

  function radios(row) {
    return Array.from(row.querySelectorAll("input[type=radio]"));
  }

  function focusRow(index) {
    if (index < 0 || index >= rows.length) return;
    const options = radios(rows[index]);
    const target = options.find((r) => r.checked) || options[0];
    target.focus();
    rows[index].scrollIntoView({ block: "nearest" });
  }

  function rowIndexOf(element) {
    return rows.findIndex((row) => row.contains(element));
  }

  function updateTally() {
    if (!tally) return;
    const entered = { approve: 0, reject: 0, abstain: 0, absent: 0 };
    let remaining = 0;
    rows.forEach((row) => {
      const checked = radios(row).find((r) => r.checked);
      if (checked) entered[checked.value] += 1;
      else remaining += 1;
      row.classList.toggle("roll-call-unset", !checked);
    });
    const parts = [];
    let matches = true;
    COUNTED.forEach((key) => {
      const recorded = Number(tally.dataset[key]);
      if (entered[key] !== recorded) matches = false;
      parts.push(
        tally.dataset["label" + key.charAt(0).toUpperCase() + key.slice(1)] + ": " + entered[key] + " " +
          tally.dataset.textEntered + ", " + recorded + " " + tally.dataset.textRecorded
      );
    });
    let text = parts.join(" · ");
    if (remaining) text += " · " + remaining + " " + tally.dataset.textRemaining;
    else if (matches) text = tally.dataset.textMatch + " (" + text + ")";
    tally.textContent = text;
    tally.classList.toggle("text-danger", !matches && !remaining);
    tally.classList.toggle("text-success", matches && !remaining);
  }

  form.addEventListener("keydown", function (event) {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || target.type !== "radio") return;
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const index = rowIndexOf(target);
    if (index < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusRow(index + (event.key === "ArrowDown" ? 1 : -1));
      return;
    }
    const choice = radios(rows[index]).find((r) => r.dataset.key === event.key);
    if (choice) {
      event.preventDefault();
      choice.checked = true;
      updateTally();
      if (index + 1 < rows.length) focusRow(index + 1);
      else choice.focus();
    }
  });

  form.addEventListener("change", updateTally);

  const fill = document.getElementById("fill-remaining");
  const fillChoice = document.getElementById("fill-choice");
  if (fill && fillChoice) {
    fill.addEventListener("click", function () {
      rows.forEach((row) => {
        const options = radios(row);
        if (!options.some((r) => r.checked)) {
          const option = options.find((r) => r.value === fillChoice.value);
          if (option) option.checked = true;
        }
      });
      updateTally();
    });
  }

  updateTally();
  const firstUnset = rows.findIndex((row) => !radios(row).some((r) => r.checked));
  if (!document.querySelector(".alert-danger")) focusRow(firstUnset >= 0 ? firstUnset : 0);
})();
