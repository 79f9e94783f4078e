// The search box's suggestions as a combobox: arrow keys move through them, Enter opens
// the chosen one, Escape closes them. Without this script they are plain links (Tab).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var input = document.querySelector("input[role=combobox][aria-controls]");
  var box = document.getElementById("suggestions");
  var status = document.getElementById("suggestions-status");
  if (!input || !box) return;

  function options() {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    return list ? Array.prototype.slice.call(list.querySelectorAll("[role=option]")) : [];
  }

  function chosen(all) {
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("aria-selected") === "true") return i;
    }
    return -1;
  }

  function choose(all, index) {
    all.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", all[index].id);
    all[index].scrollIntoView({ block: "nearest" });
  }

  function close() {
    box.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  input.addEventListener("keydown", function (event) {
    var all = options();
    if (!all.length) return;
    var index = chosen(all);
    if (event.key === "ArrowDown") {
      event.preventDefault();
      choose(all, (index + 1) % all.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      choose(all, index <= 0 ? all.length - 1 : index - 1);
    } else if (event.key === "Enter" && index >= 0) {
      event.preventDefault();
      window.location.assign(all[index].href);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target !== box) return;
    var count = options().length;
    input.setAttribute("aria-expanded", count ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    if (status) {
      status.textContent = count
        ? count + (count === 1 ? " suggestion" : " suggestions") + ": arrow keys to choose"
        : box.textContent.trim();
    }
  });
});
