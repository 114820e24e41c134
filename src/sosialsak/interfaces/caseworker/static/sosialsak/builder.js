// The vedtak builder keeps what the caseworker typed: when the server sends the page back with
// an error (or opens it to change a decision after an appeal), the values in #builder-restore
// are put back into the form's fields by name. Nothing is sent anywhere.
(function () {
  "use strict";
  function restore() {
    var data = document.getElementById("builder-restore");
    var form = document.getElementById("vedtak-form");
    if (!data || !form) { return; }
    var values = JSON.parse(data.textContent || "{}");
    Object.keys(values).forEach(function (name) {
      var wanted = values[name];
      form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']").forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          if (!el.disabled) { el.checked = wanted.indexOf(el.value) !== -1; }
        } else if (el.type !== "hidden") {
          el.value = wanted[0] === undefined ? "" : wanted[0];
        }
      });
    });
    var error = document.getElementById("builder-error");
    if (error) { error.focus(); }
  }
  // Each economy figure says where it came from (the application, the mapping); once the
  // caseworker types another figure, it says so instead, and back again when undone.
  function sources() {
    document.querySelectorAll("#okonomi input[data-prefill]").forEach(function (input) {
      var hint = document.getElementById("kilde-" + input.name);
      if (!hint) { return; }
      if (hint.dataset.kilde === undefined) { hint.dataset.kilde = hint.textContent; }
      var typed = input.value.replace(/\s/g, "");
      hint.textContent = typed === input.dataset.prefill ? hint.dataset.kilde
        : hint.dataset.endret;
    });
  }
  function start() {
    restore();
    sources();
    var box = document.getElementById("okonomi");
    if (box) { box.addEventListener("input", sources); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
