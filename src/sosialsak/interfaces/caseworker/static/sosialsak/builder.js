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
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
