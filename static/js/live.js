// The clerk's live speech page: timer, name suggestions (an ARIA combobox), Enter to save from a select,
// and a warning before a speech under 10 seconds is logged.
(function () {
  "use strict";
  const SHORT = 10;
  let started = null;
  let timer = null;
  let active = -1;

  const $ = (id) => document.getElementById(id);

  function formatDuration(seconds) {
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  // The same forms the server accepts: m:ss, h:mm:ss, or minutes with one decimal.
  function parseDuration(text) {
    text = (text || "").replace(/\s/g, "");
    let m = text.match(/^(?:(\d{1,2}):)?(\d{1,4}):(\d{2})$/);
    if (m) {
      const h = Number(m[1] || 0), min = Number(m[2]), s = Number(m[3]);
      if (s > 59 || (m[1] && min > 59)) { return null; }
      return (h * 60 + min) * 60 + s;
    }
    m = text.match(/^(\d{1,5})(?:[.,](\d))?$/);
    if (m) { return Number(m[1]) * 60 + Number(m[2] || 0) * 6; }
    return text === "" ? 0 : null;
  }

  // --- Timer -------------------------------------------------------------------------------------------
  function elapsed() { return Math.floor((Date.now() - started) / 1000); }

  function tick() {
    if (started === null || !$("id_duration")) { return; }
    $("id_duration").value = formatDuration(elapsed());
  }

  function setButton(running) {
    const button = $("timer-toggle");
    if (!button) { return; }
    button.textContent = running ? button.dataset.stop : button.dataset.start;
    button.setAttribute("aria-pressed", running ? "true" : "false");
    const state = $("timer-state");
    if (state) { state.textContent = running ? state.dataset.running : ""; }
  }

  function stop() {
    if (started === null) { return; }
    tick();
    clearInterval(timer);
    started = null;
    setButton(false);
    checkShort(true);
  }

  function toggle() {
    if (started !== null) { stop(); return; }
    started = Date.now();
    hideShort();
    tick();
    timer = setInterval(tick, 250);
    setButton(true);
  }

  function reset() {
    clearInterval(timer);
    started = null;
    setButton(false);
  }

  // --- Short speeches ----------------------------------------------------------------------------------
  function hideShort() {
    const box = $("short-warning");
    if (box) { box.hidden = true; }
  }

  // Show the warning when the duration is under 10 s; returns whether the speech may be logged as it is.
  function checkShort(show) {
    const box = $("short-warning"), field = $("id_duration"), ok = $("id_short_ok");
    if (!box || !field || !ok) { return true; }
    const seconds = parseDuration(field.value);
    if (seconds === null || seconds >= SHORT) { box.hidden = true; ok.checked = false; return true; }
    if (show) {
      $("short-warning-text").textContent = box.dataset.message.replace("{duration}", formatDuration(seconds));
      box.hidden = false;
    }
    return ok.checked;
  }

  // --- Name suggestions (combobox) ---------------------------------------------------------------------
  function options() { return Array.from(document.querySelectorAll("#speaker-listbox [role=option]")); }

  // Highlight option ``index`` (wrapping round the ends); null highlights none.
  function highlight(index) {
    const list = options(), search = $("speaker-search");
    active = index === null || !list.length ? -1 : (index + list.length) % list.length;
    list.forEach((option, i) => {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
      option.classList.toggle("active", i === active);
    });
    if (active >= 0) {
      search.setAttribute("aria-activedescendant", list[active].id);
      list[active].scrollIntoView({ block: "nearest" });
    } else {
      search.removeAttribute("aria-activedescendant");
    }
  }

  function openList(open) {
    const listbox = $("speaker-listbox"), search = $("speaker-search");
    const show = open && options().length > 0;
    if (listbox) { listbox.hidden = !show; }
    if (search) { search.setAttribute("aria-expanded", show ? "true" : "false"); }
    if (!show) { highlight(null); }
  }

  function take(option) {
    $("id_mandate").value = option.dataset.mandate;
    $("chosen-speaker").textContent = option.dataset.name;
    $("id_official").value = "";
    openList(false);
    $("id_kind").focus();
  }

  function onSuggestions() {
    const listbox = $("speaker-listbox"), count = $("speaker-count");
    if (count && listbox) { count.textContent = listbox.dataset.count || ""; }
    openList(true);
    // The first name is highlighted (and announced): Enter takes what is shown, never a hidden choice.
    highlight(options().length ? 0 : null);
  }

  // --- Events ------------------------------------------------------------------------------------------
  document.addEventListener("click", function (e) {
    if (e.target.closest("#timer-toggle")) { toggle(); return; }
    const option = e.target.closest("#speaker-listbox [role=option]");
    if (option) { take(option); }
  });

  document.addEventListener("input", function (e) {
    if (e.target.id === "speaker-search") {
      // Until the new suggestions arrive, the old ones are stale: Enter must not take one of them.
      highlight(null);
    } else if (e.target.id === "id_official" && e.target.value.trim()) {
      $("id_mandate").value = "";
      $("chosen-speaker").textContent = "—";
    }
  });

  document.addEventListener("change", function (e) {
    if (e.target.id === "id_duration") { checkShort(true); }
  });

  document.addEventListener("keydown", function (e) {
    if (e.altKey && e.code === "KeyS" && $("timer-toggle")) { e.preventDefault(); toggle(); return; }
    const target = e.target;
    if (target.id === "speaker-search") {
      const list = options();
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!list.length) { return; }
        const down = e.key === "ArrowDown";
        if ($("speaker-listbox").hidden) { openList(true); }
        if (active < 0) { highlight(down ? 0 : list.length - 1); } else { highlight(active + (down ? 1 : -1)); }
      } else if (e.key === "Enter") {
        e.preventDefault();  // never submit the speech form from the name box
        if (active >= 0 && !$("speaker-listbox").hidden) { take(list[active]); }
      } else if (e.key === "Escape") {
        if (!$("speaker-listbox") || $("speaker-listbox").hidden) { return; }
        e.preventDefault();
        openList(false);
      }
      return;
    }
    // Enter on a select (the kind, the agenda item, a correction's speaker or kind) saves its form.
    if (e.key === "Enter" && target.tagName === "SELECT" && target.form &&
        (target.form.id === "speech-form" || target.form.hasAttribute("data-enter-submits"))) {
      e.preventDefault();
      target.form.requestSubmit();
    }
  });

  // Before the speech form is sent (by htmx or not): stop a running timer, and hold a short speech back.
  document.addEventListener("submit", function (e) {
    if (e.target.id !== "speech-form") { return; }
    if (started !== null) { stop(); }
    if (!checkShort(true)) {
      e.preventDefault();
      e.stopPropagation();
      $("id_short_ok").focus();
    }
  }, true);

  document.body.addEventListener("htmx:afterSwap", function (e) {
    const target = e.detail.target;
    if (target.id === "speaker-results") { onSuggestions(); }
    if (target.id === "live-panel") {
      reset();
      active = -1;
      const invalid = document.querySelector("#speech-form .is-invalid, #id_short_ok:not([hidden])");
      const box = $("short-warning");
      if (box && !box.hidden) { $("id_short_ok").focus(); }
      else if (!invalid && $("speaker-search")) { $("speaker-search").focus(); }
    }
  });

  // A corrected row comes back in place: put the keyboard where the clerk continues.
  document.body.addEventListener("htmx:load", function (e) {
    const row = e.detail.elt;
    if (!row.id || !row.id.startsWith("speech-")) { return; }
    const invalid = row.querySelector(".is-invalid, [role=alert]");
    if (invalid) {
      (row.querySelector(".is-invalid") || row.querySelector("input, select")).focus();
    } else {
      const summary = row.querySelector("summary");
      if (summary) { summary.focus(); }
    }
  });
})();
