// The phone menu: one button opens and closes every section; Escape closes it. No framework.
(() => {
  "use strict";
  function setup() {
    const button = document.getElementById("menu-toggle");
    const list = document.getElementById("mainnav-list");
    if (!button || !list) return;
    const nav = button.closest("nav");
    const open = (wanted) => {
      button.setAttribute("aria-expanded", wanted ? "true" : "false");
      nav.classList.toggle("open", wanted);
    };
    button.addEventListener("click", () => open(button.getAttribute("aria-expanded") !== "true"));
    nav.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && nav.classList.contains("open")) {
        open(false);
        button.focus();
      }
    });
    document.addEventListener("click", (event) => {
      if (nav.classList.contains("open") && !nav.contains(event.target)) open(false);
    });
  }
  document.addEventListener("DOMContentLoaded", setup);
})();
