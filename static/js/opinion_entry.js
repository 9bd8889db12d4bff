// Opinions typed one after another at a voter meeting or a citizen reception.
//
// Nothing typed may be lost: on submit (the button or Ctrl+Enter) the opinion is copied into a queue and the
// form is emptied at once, so the clerk goes on typing while the earlier ones are saved. The queue sends one
// opinion at a time, in order. Each waiting opinion shows as a row with a spinner; the server's row replaces
// it. An opinion the server refuses (422) comes back with its errors to be corrected, the others go on; a
// connection or server failure stops the queue with the text kept and a Retry button.
(function () {
  "use strict";

  const form = document.querySelector("form[data-opinion-form]");
  if (!form) {
    return;
  }
  const table = document.querySelector("#opinions tbody");
  const msg = form.dataset;
  const queue = [];
  let sending = false;
  let paused = false;

  // The fields as the page first rendered them, empty: clearing puts them back (and drops any old error).
  // Only the fields are replaced, so the button and the status line (read out by screen readers) stay.
  const fields = form.querySelector("[data-opinion-fields]");
  const pristine = fields.innerHTML;

  function textField() {
    return form.querySelector("textarea[name=text]");
  }

  function columns() {
    return document.querySelectorAll("#opinions thead th").length || 1;
  }

  function typedSomething() {
    return Array.from(form.querySelectorAll("textarea, input[type=text]")).some((f) => f.value.trim() !== "");
  }

  function clearForm() {
    fields.innerHTML = pristine;
    const text = textField();
    if (text) {
      text.focus();
    }
  }

  function refreshBusy() {
    const btn = form.querySelector("[data-opinion-submit]");
    const spin = form.querySelector("[data-opinion-spinner]");
    const line = document.getElementById("opinion-status");
    const waiting = queue.length;
    if (waiting && line) {
      delete line.dataset.saved;
    }
    if (btn) {
      btn.setAttribute("aria-busy", waiting ? "true" : "false");
    }
    if (spin) {
      spin.classList.toggle("d-none", waiting === 0 || paused);
    }
    if (line) {
      if (waiting && paused) {
        line.textContent = msg.msgWaiting.replace("{n}", waiting);
        line.className = "small text-danger";
      } else if (waiting) {
        line.textContent = msg.msgSaving.replace("{n}", waiting);
        line.className = "small text-muted";
      } else if (line.dataset.saved) {
        line.textContent = msg.msgSaved;
        line.className = "small text-success";
      }
    }
  }

  function say(text, kind) {
    const line = document.getElementById("opinion-status");
    if (line) {
      line.textContent = text;
      line.className = "small " + (kind || "text-muted");
    }
  }

  function makeRow(item) {
    const row = document.createElement("tr");
    row.className = "opinion-pending table-light";
    const cell = document.createElement("td");
    cell.colSpan = columns();
    row.appendChild(cell);
    item.row = row;
    item.cell = cell;
    showPending(item);
    table.appendChild(row);
  }

  function showPending(item) {
    item.row.className = "opinion-pending table-light";
    item.cell.replaceChildren();
    const spin = document.createElement("span");
    spin.className = "spinner-border spinner-border-sm text-secondary me-2";
    spin.setAttribute("aria-hidden", "true");
    const label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = msg.msgPending;
    const text = document.createElement("span");
    text.className = "text-muted";
    text.textContent = item.text;
    item.cell.append(spin, label, text);
  }

  function actionButton(label, handler) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-outline-secondary btn-sm ms-2";
    b.textContent = label;
    b.addEventListener("click", handler);
    return b;
  }

  function showFailed(item, message, errors) {
    item.row.className = "opinion-failed table-danger";
    item.cell.replaceChildren();
    const text = document.createElement("div");
    text.textContent = item.text || "—";
    const why = document.createElement("div");
    why.className = "small text-danger-emphasis";
    why.textContent = message + (errors ? " " + errors : "");
    item.cell.append(text, why);
  }

  // --- The queue -----------------------------------------------------------------------------------------

  function enqueue() {
    const data = new FormData(form);
    const item = { data: data, text: String(data.get("text") || "").trim() };
    queue.push(item);
    makeRow(item);
    clearForm();
    pump();
  }

  async function pump() {
    if (sending || paused) {
      refreshBusy();
      return;
    }
    const item = queue[0];
    if (!item) {
      const line = document.getElementById("opinion-status");
      const refusedLeft = document.querySelector("#opinions tr.opinion-failed, #opinion-entry .is-invalid");
      if (line && refusedLeft) {
        delete line.dataset.saved;
        say(msg.msgInvalid.replace(/:$/, "."), "text-danger");
      } else if (line) {
        line.dataset.saved = "1";
      }
      refreshBusy();
      return;
    }
    sending = true;
    refreshBusy();
    let outcome;
    try {
      outcome = await send(item);
    } catch (error) {
      outcome = { kind: "stop", message: msg.msgFailed };
    }
    sending = false;
    if (outcome.kind === "saved") {
      queue.shift();
      placeSaved(item, outcome.html);
    } else if (outcome.kind === "invalid") {
      queue.shift();
      refused(item, outcome.html);
    } else {
      // The server was not reached, failed, or the session ended: keep this one and every one after it.
      paused = true;
      showFailed(item, outcome.message);
      item.cell.appendChild(
        actionButton(msg.msgRetry, () => {
          paused = false;
          showPending(item);
          pump();
        })
      );
    }
    pump();
  }

  async function send(item) {
    const response = await fetch(form.action, {
      method: "POST",
      body: item.data,
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    });
    if (response.redirected) {
      return { kind: "stop", message: msg.msgLogin };
    }
    const html = await response.text();
    if (response.status === 422) {
      return { kind: "invalid", html: html };
    }
    if (response.ok && html.indexOf('<tr id="opinion-') !== -1) {
      return { kind: "saved", html: html };
    }
    return { kind: "stop", message: msg.msgFailed };
  }

  function parse(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function placeSaved(item, html) {
    const content = parse(html);
    // The totals come as out-of-band elements, as htmx would swap them.
    content.querySelectorAll("[hx-swap-oob]").forEach((el) => {
      el.removeAttribute("hx-swap-oob");
      const old = document.getElementById(el.id);
      if (old) {
        old.replaceWith(el);
      }
    });
    const row = content.querySelector("tr");
    if (row) {
      item.row.replaceWith(row);
    } else {
      item.row.remove();
    }
  }

  // The server refused this opinion: show why, and put it back in the form when the form is free.
  function refused(item, html) {
    const content = parse(html);
    const returned = content.querySelector("[data-opinion-fields]");
    item.formHtml = returned ? returned.innerHTML : null;
    const errors = Array.from(content.querySelectorAll(".invalid-feedback, .alert, .text-danger"))
      .map((el) => el.textContent.trim())
      .filter((t, i, all) => t && all.indexOf(t) === i)
      .join(" ");
    showFailed(item, msg.msgInvalid, errors);
    item.cell.appendChild(actionButton(msg.msgCorrect, () => putBack(item)));
    item.cell.appendChild(
      actionButton(msg.msgDiscard, () => {
        item.row.remove();
      })
    );
    if (!typedSomething()) {
      putBack(item);
    }
  }

  function putBack(item) {
    if (typedSomething()) {
      say(msg.msgBusyForm, "text-danger");
      textField()?.focus();
      return;
    }
    if (item.formHtml) {
      fields.innerHTML = item.formHtml;
    } else {
      // No form came back: restore the typed values into the empty form.
      for (const [name, value] of item.data.entries()) {
        const field = form.elements.namedItem(name);
        if (field && name !== "csrfmiddlewaretoken" && "value" in field) {
          field.value = value;
        }
      }
    }
    item.row.remove();
    refreshBusy();
    const invalid = form.querySelector(".is-invalid") || textField();
    if (invalid) {
      invalid.focus();
    }
  }

  // --- Events --------------------------------------------------------------------------------------------

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    enqueue();
  });

  form.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      enqueue();
    }
  });

  // Leaving the page with opinions still waiting, refused or half typed would lose them: ask first.
  window.addEventListener("beforeunload", (event) => {
    if (queue.length || document.querySelector("#opinions .opinion-failed") || typedSomething()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  refreshBusy();
})();
