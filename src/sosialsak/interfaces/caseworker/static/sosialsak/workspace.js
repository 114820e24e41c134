/* The case workspace's keyboard shortcuts (issue 12). A static file: the Content-Security-Policy
   allows no inline script. Keys never fire while the caseworker types in a field, or with
   Ctrl/Alt/Meta held (the browser's and the screen reader's own shortcuts stay theirs).

   g + letter  go to a section (the nav links carry data-go="letter")
   n, d, v, u  the action carrying data-key="letter": a field gets focus, a link is followed
   /           the search box in the header
   ?           the shortcut help (<dialog id="hurtigtaster">)
*/
(function () {
  "use strict";

  var PREFIX_MS = 1500;
  var pendingG = false;
  var timer = null;

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function dialog() {
    return document.getElementById("hurtigtaster");
  }

  function openHelp() {
    var d = dialog();
    if (d && !d.open && typeof d.showModal === "function") d.showModal();
  }

  function goTo(letter) {
    var link = document.querySelector('.section-nav a[data-go="' + letter + '"]');
    if (!link) return false;
    var id = link.getAttribute("href").slice(1);
    var section = document.getElementById(id);
    if (!section) return false;
    var heading = section.querySelector("h2[tabindex]") || section;
    section.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#" + id);
    markCurrent(id);
    return true;
  }

  function act(letter) {
    var el = document.querySelector('[data-key="' + letter + '"]');
    if (!el) return false;
    if (el.tagName === "A") {
      window.location.assign(el.href);
    } else {
      var section = el.closest("section");
      if (section) section.scrollIntoView({ block: "start" });
      el.focus({ preventScroll: true });
    }
    return true;
  }

  function markCurrent(id) {
    var links = document.querySelectorAll(".section-nav a[data-go]");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href") === "#" + id) links[i].setAttribute("aria-current", "true");
      else links[i].removeAttribute("aria-current");
    }
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
    if (typing(e.target)) return;
    var d = dialog();
    if (d && d.open) return; // the dialog handles Escape itself
    var key = e.key;
    if (pendingG) {
      pendingG = false;
      clearTimeout(timer);
      if (goTo(key.toLowerCase())) e.preventDefault();
      return;
    }
    if (key === "g") {
      pendingG = true;
      timer = setTimeout(function () { pendingG = false; }, PREFIX_MS);
      e.preventDefault();
      return;
    }
    if (key === "?") {
      openHelp();
      e.preventDefault();
      return;
    }
    if (key === "/") {
      var search = document.getElementById("finn");
      if (search) { search.focus(); e.preventDefault(); }
      return;
    }
    if (key === "n" || key === "d" || key === "v" || key === "u") {
      if (act(key)) e.preventDefault();
    }
  });

  // Ctrl+Enter (or Cmd+Enter) in the new note saves it: the note can be written by keyboard only.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    var t = e.target;
    if (t && t.tagName === "TEXTAREA" && t.form && t.form.classList.contains("note-form")) {
      e.preventDefault();
      if (t.form.reportValidity()) t.form.requestSubmit ? t.form.requestSubmit() : t.form.submit();
    }
  });

  document.addEventListener("click", function (e) {
    var opener = e.target.closest ? e.target.closest("[data-open-dialog]") : null;
    if (opener) openHelp();
    var link = e.target.closest ? e.target.closest(".section-nav a[data-go]") : null;
    if (link && goTo(link.getAttribute("data-go"))) e.preventDefault();
  });

  if (location.hash) markCurrent(location.hash.slice(1));

  // The nav shows where the reader is: the section whose heading last passed the top third.
  if ("IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) markCurrent(entries[i].target.id);
      }
    }, { rootMargin: "0px 0px -66% 0px" });
    var sections = document.querySelectorAll(".sections > section[id]");
    for (var j = 0; j < sections.length; j++) seen.observe(sections[j]);
  }
})();
