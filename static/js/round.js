// Consolidating a round of voter contact by keyboard (templates/voters/round.html).
//
// The page works as a plain form without this script: each opinion has a group-number box, each group its
// subject, target and Confirm box, and the server rearranges the groups on "Apply the numbers". This script
// does the same rearranging in the page at once (no request per opinion), with the keys listed on the page:
// j/k move between opinions, a number or "m" moves one, "s" splits it out, "g" merges its group, Enter
// confirms the group. On submit every field is packed into one JSON value, so a round of hundreds of groups
// stays under the server's limit on the number of fields in a request.
(function () {
  "use strict";

  const form = document.getElementById("round-form");
  if (!form) {
    return;
  }
  const holder = document.getElementById("round-groups");
  const template = document.getElementById("round-group-template");
  const confirmedCount = document.getElementById("round-confirmed-count");
  const actions = document.getElementById("round-actions");
  const ask = document.getElementById("round-ask");
  const weakQuestion = document.getElementById("round-weak-question");
  const TITLE_MAX = 300;
  let current = null;
  let submitting = false;
  let weakAsked = null; // the group whose weak match "a" asked about; a second "a" there takes it

  // A count in words: the page renders the forms for 1 and for 2 ("1 opinion", "2 opinions"; in Vietnamese
  // both alike), and the number is put in the form that fits.
  function plural(el, n) {
    el.dataset.count = String(n);
    el.textContent = (n === 1 ? el.dataset.one : el.dataset.many).replace(/\d+/, String(n));
  }

  function rows() {
    return Array.from(holder.querySelectorAll(".round-opinion"));
  }

  function groups() {
    return Array.from(holder.querySelectorAll(".round-group"));
  }

  function numberOf(group) {
    return parseInt(group.dataset.group, 10);
  }

  function groupOf(row) {
    return row.closest(".round-group");
  }

  function groupNumbered(n) {
    return groups().find((g) => numberOf(g) === n) || null;
  }

  function nextNumber() {
    return groups().reduce((top, g) => Math.max(top, numberOf(g)), 0) + 1;
  }

  function readNumber(value) {
    const text = String(value || "").trim();
    if (!/^\d{1,5}$/.test(text)) {
      return null;
    }
    const n = parseInt(text, 10);
    return n >= 1 ? n : null;
  }

  // Scroll an element into view above the sticky bar at the bottom (scrollIntoView would leave it under),
  // at once: Bootstrap's smooth scrolling would lag behind a clerk pressing j quickly.
  function reveal(el) {
    const box = el.getBoundingClientRect();
    const bar = actions ? actions.getBoundingClientRect().top : window.innerHeight;
    const bottom = Math.min(window.innerHeight, bar) - 8;
    if (box.bottom > bottom) {
      window.scrollBy({ top: Math.min(box.bottom - bottom, box.top - 8), behavior: "instant" });
    } else if (box.top < 8) {
      window.scrollBy({ top: box.top - 8, behavior: "instant" });
    }
  }

  function select(row) {
    if (current) {
      current.classList.remove("bg-primary-subtle", "border-start", "border-4", "border-primary");
    }
    current = row || null;
    if (current) {
      current.classList.add("bg-primary-subtle", "border-start", "border-4", "border-primary");
      current.focus({ preventScroll: true });
      reveal(current);
    }
  }

  function countConfirmed() {
    if (confirmedCount) {
      plural(
        confirmedCount,
        groups().filter((g) => g.querySelector(".round-confirm").checked && !g.querySelector(".round-skip").checked)
          .length,
      );
    }
  }

  function refresh(group) {
    const members = Array.from(group.querySelectorAll(".round-opinion"));
    if (!members.length) {
      group.remove();
      countConfirmed();
      return;
    }
    plural(group.querySelector("[data-count]"), members.length);
    plural(
      group.querySelector("[data-voters]"),
      members.reduce((sum, row) => sum + (parseInt(row.dataset.voters, 10) || 0), 0),
    );
    group.classList.toggle("border-success", group.querySelector(".round-confirm").checked);
    group.classList.toggle("opacity-50", group.querySelector(".round-skip").checked);
    countConfirmed();
  }

  function shortTitle(row) {
    const text = row.querySelector(".round-text").textContent.replace(/\s+/g, " ").trim();
    return text.length <= TITLE_MAX ? text : text.slice(0, TITLE_MAX - 1).trimEnd() + "…";
  }

  // A new group n for the opinion, placed after the group `after` (or in the order of numbers); it keeps
  // the petitions suggested for the group the opinion leaves (the server works them out again on its next
  // page).
  function newGroup(n, row, after) {
    const box = document.createElement("div");
    box.innerHTML = template.innerHTML.split("__N__").join(String(n)).trim();
    const group = box.firstElementChild;
    const before = after ? after.nextElementSibling : groups().find((g) => numberOf(g) > n);
    holder.insertBefore(group, before || null);
    group.querySelector(".round-title").value = shortTitle(row);
    const from = groupOf(row);
    const target = group.querySelector(".round-target");
    Array.from(from.querySelectorAll(".round-target option")).forEach(function (option, i) {
      if (i > 0) {
        const copy = option.cloneNode(true);
        copy.selected = false;
        target.appendChild(copy);
      }
    });
    target.selectedIndex = 0;
    const hints = from.querySelector(".round-hints");
    if (hints) {
      target.parentElement.appendChild(hints.cloneNode(true));
    }
    return group;
  }

  // Move an opinion to group n (made if there is none, after the group `after` if given), keeping it
  // selected.
  function move(row, n, after) {
    const from = groupOf(row);
    const box = row.querySelector(".round-number");
    if (numberOf(from) === n) {
      box.value = String(n);
      return;
    }
    const to = groupNumbered(n) || newGroup(n, row, after);
    to.querySelector(".round-opinions").appendChild(row);
    box.value = String(n);
    refresh(from);
    refresh(to);
    select(row);
  }

  // Split an opinion out: its new group comes right after the group it leaves, not at the end of the page.
  function split(row) {
    move(row, nextNumber(), groupOf(row));
  }

  function merge(source, into) {
    const from = groupNumbered(source);
    if (!from || source === into) {
      return;
    }
    const rowsOf = Array.from(from.querySelectorAll(".round-opinion"));
    rowsOf.forEach((row) => move(row, into));
  }

  function step(delta) {
    const all = rows();
    if (!all.length) {
      return;
    }
    const at = current ? all.indexOf(current) : -1;
    select(all[Math.min(all.length - 1, Math.max(0, at + delta))]);
  }

  function stepGroup(delta) {
    const all = groups();
    if (!all.length) {
      return;
    }
    const at = current ? all.indexOf(groupOf(current)) : -1;
    const group = all[Math.min(all.length - 1, Math.max(0, at + delta))];
    select(group.querySelector(".round-opinion"));
  }

  function decide(row, confirm) {
    const group = groupOf(row);
    const box = group.querySelector(confirm ? ".round-confirm" : ".round-skip");
    const other = group.querySelector(confirm ? ".round-skip" : ".round-confirm");
    box.checked = !box.checked;
    if (box.checked) {
      other.checked = false;
    }
    refresh(group);
    if (box.checked) {
      stepGroup(1);
    }
  }

  function focusBox(box, text) {
    if (!box) {
      return;
    }
    box.focus();
    if (text !== undefined) {
      box.value = text;
    } else if (box.select) {
      box.select();
    }
  }

  function isTyping(target) {
    return target.matches("input:not([type=checkbox]), textarea, select");
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    if (!form.contains(target) && target !== document.body) {
      return;
    }
    if (isTyping(target)) {
      onBoxKey(event, target);
      return;
    }
    const row = current || rows()[0];
    const key = event.key;
    if (key === "j" || key === "k") {
      step(key === "j" ? 1 : -1);
    } else if (key === "J" || key === "K") {
      stepGroup(key === "J" ? 1 : -1);
    } else if (!row) {
      return;
    } else if (/^[0-9]$/.test(key)) {
      select(row);
      focusBox(row.querySelector(".round-number"), key);
    } else if (key === "m") {
      select(row);
      focusBox(row.querySelector(".round-number"));
    } else if (key === "s") {
      split(row);
    } else if (key === "g") {
      select(row);
      document.getElementById("merge-from").value = String(numberOf(groupOf(row)));
      focusBox(document.getElementById("merge-into"), "");
    } else if (key === "t") {
      select(row);
      focusBox(groupOf(row).querySelector(".round-title"));
    } else if (key === "c") {
      select(row);
      focusBox(groupOf(row).querySelector(".round-code"));
    } else if (key === "a") {
      suggest(groupOf(row));
    } else if (key === "n") {
      const group = groupOf(row);
      group.querySelector(".round-target").selectedIndex = 0;
      group.querySelector(".round-code").value = "";
      weakAsked = null;
      say("");
    } else if (key === "Enter") {
      if (target.matches("button, a, summary")) {
        return;
      }
      decide(row, true);
    } else if (key === "x") {
      decide(row, false);
    } else {
      return;
    }
    event.preventDefault();
  });

  function say(text) {
    if (ask) {
      ask.textContent = text;
    }
  }

  // "a": the best suggested petition that still takes opinions. A weak match is not taken at once: the first
  // press says so, a second press on the same group takes it.
  function suggest(group) {
    const choice = group.querySelector(".round-target");
    const options = Array.from(choice.options);
    const best = options.findIndex((o, i) => i > 0 && !o.disabled);
    if (best < 0) {
      return;
    }
    if (options[best].hasAttribute("data-weak") && weakAsked !== group) {
      weakAsked = group;
      say(weakQuestion.innerHTML.trim() + " " + options[best].value + ".");
      return;
    }
    weakAsked = null;
    say("");
    choice.selectedIndex = best;
    group.querySelector(".round-code").value = "";
  }

  // Keys inside a box: Enter applies (a move, a merge) or returns to the opinion; Escape returns, undone.
  function onBoxKey(event, box) {
    if (event.key === "Escape") {
      const row = box.closest(".round-opinion");
      if (row && box.classList.contains("round-number")) {
        box.value = String(numberOf(groupOf(row)));
      }
      event.preventDefault();
      select(row || current);
      return;
    }
    if (event.key !== "Enter" || event.shiftKey || !form.contains(box)) {
      return;
    }
    event.preventDefault();
    if (box.classList.contains("round-number")) {
      const row = box.closest(".round-opinion");
      const n = readNumber(box.value);
      if (n === null) {
        box.value = String(numberOf(groupOf(row)));
      } else {
        move(row, n);
      }
      select(row);
    } else if (box.id === "merge-into" || box.id === "merge-from") {
      applyMerge();
      select(current);
    } else {
      select(current || box.closest(".round-group").querySelector(".round-opinion"));
    }
  }

  function applyMerge() {
    const source = readNumber(document.getElementById("merge-from").value);
    const into = readNumber(document.getElementById("merge-into").value);
    if (source !== null && into !== null) {
      merge(source, into);
    }
    document.getElementById("merge-from").value = "";
    document.getElementById("merge-into").value = "";
  }

  // A number typed and left (Tab, a click elsewhere) is applied too.
  form.addEventListener("change", function (event) {
    const box = event.target;
    if (box.classList.contains("round-number")) {
      const row = box.closest(".round-opinion");
      const n = readNumber(box.value);
      if (n === null) {
        box.value = String(numberOf(groupOf(row)));
      } else if (n !== numberOf(groupOf(row))) {
        move(row, n);
      }
    } else if (box.classList.contains("round-confirm") || box.classList.contains("round-skip")) {
      const group = box.closest(".round-group");
      if (box.checked) {
        group.querySelector(box.classList.contains("round-confirm") ? ".round-skip" : ".round-confirm").checked =
          false;
      }
      refresh(group);
    } else if (box.classList.contains("round-code") && box.value.trim()) {
      box.closest(".round-group").querySelector(".round-target").selectedIndex = 0;
    }
  });

  holder.addEventListener("click", function (event) {
    const button = event.target.closest(".round-split");
    if (button) {
      event.preventDefault();
      split(button.closest(".round-opinion"));
      return;
    }
    const row = event.target.closest(".round-opinion");
    if (row && !isTyping(event.target)) {
      select(row);
    }
  });

  document.getElementById("round-arrange").addEventListener("click", function (event) {
    // The merge asked for in the two boxes is done here; the numbers were applied as they were typed.
    event.preventDefault();
    applyMerge();
  });

  form.addEventListener("submit", function (event) {
    // A second press while the first is on its way would find the fields already packed and disabled, and
    // send an empty round in place of the first: it is ignored.
    if (submitting) {
      event.preventDefault();
      return;
    }
    submitting = true;
    const submitter = event.submitter;
    const keep = new Set(["csrfmiddlewaretoken", "packed"]);
    form.querySelectorAll("[data-round]").forEach((input) => keep.add(input.name));
    const data = {};
    new FormData(form).forEach(function (value, name) {
      if (!keep.has(name)) {
        data[name] = value;
      }
    });
    if (submitter && submitter.name) {
      data[submitter.name] = submitter.value;
    }
    data.order = groups().map(numberOf).join(",");
    form.elements.packed.value = JSON.stringify(data);
    Array.from(form.elements).forEach(function (field) {
      if (field.name && !keep.has(field.name) && field.tagName !== "BUTTON") {
        field.disabled = true;
      }
    });
    // After the browser has read the form: a second press cannot send the round twice.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach((b) => (b.disabled = true));
    }, 0);
  });

  // Back from the next page (the browser's cache): the fields are usable again.
  window.addEventListener("pageshow", function () {
    submitting = false;
    Array.from(form.elements).forEach((field) => (field.disabled = false));
    form.elements.packed.value = "";
  });

  groups().forEach(refresh);
  const failed = holder.querySelector(".round-group .round-errors");
  if (failed) {
    // After a refusal: the first group with an error is brought into view, its first opinion current.
    const group = failed.closest(".round-group");
    select(group.querySelector(".round-opinion"));
    group.scrollIntoView({ block: "start", behavior: "instant" });
    reveal(current || group);
  } else {
    // The first opinion is marked current, without taking the focus from wherever the clerk is.
    current = rows()[0] || null;
    if (current) {
      current.classList.add("bg-primary-subtle", "border-start", "border-4", "border-primary");
    }
  }
})();
