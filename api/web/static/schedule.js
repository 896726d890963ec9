/* Lịch phát and Xuất file: drag-and-drop reordering of a session's items, and reloading the
   page when a watched job finishes (so its download links appear). Needs loa.js (window.Loa). */
(function () {
  "use strict";

  function positionOf(item) { return Number.parseInt(item.dataset.position, 10); }

  function itemAfter(list, y) {
    // The first item whose middle lies below the pointer (null: drop at the end).
    const others = Array.from(list.querySelectorAll("li.item:not(.dragging)"));
    return others.find((el) => { const box = el.getBoundingClientRect(); return y < box.top + box.height / 2; }) || null;
  }

  function clampTo(list, to) {
    // The same bounds the server applies: after the opening, before the closing.
    const first = Number.parseInt(list.dataset.firstBody || "0", 10);
    const last = Number.parseInt(list.dataset.lastBody || String(to), 10);
    return Math.min(Math.max(to, first), Math.max(first, last));
  }

  async function moveItem(list, from, to) {
    const slot = document.getElementById("reorder-error");
    try {
      await window.Loa.api("POST", "/playlists/" + list.dataset.playlist + "/items/" + from + "/move", { to: to });
      window.location.reload();
    } catch (error) {
      if (slot) slot.textContent = error.message; else window.Loa.toast(error.message);
      setTimeout(() => window.location.reload(), 2500);
    }
  }

  function enableReorder(list) {
    let dragged = null;
    list.addEventListener("dragstart", (event) => {
      dragged = event.target.closest("li.item");
      if (!dragged) return;
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.position);
    });
    list.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      let after = itemAfter(list, event.clientY);
      // The opening stays first and the closing last: a drop outside them lands next to them.
      const opening = list.querySelector('li.item[data-frame="opening"]');
      const closing = list.querySelector('li.item[data-frame="closing"]');
      if (opening && after === opening) after = opening.nextElementSibling;
      if (closing && after === null) after = closing;
      if (after === null) list.appendChild(dragged); else if (after !== dragged) list.insertBefore(dragged, after);
    });
    list.addEventListener("drop", (event) => { if (dragged) event.preventDefault(); });
    list.addEventListener("dragend", () => {
      if (!dragged) return;
      const item = dragged;
      dragged = null;
      item.classList.remove("dragging");
      const index = Array.from(list.querySelectorAll("li.item")).indexOf(item);
      const from = positionOf(item);
      const to = index < 0 ? index : clampTo(list, index);
      if (to >= 0 && to !== from) moveItem(list, from, to);
      else if (index !== from) window.location.reload();  // put the displaced item back
    });
  }

  function reloadWhenDone(box) {
    box.addEventListener("loa:job", () => setTimeout(() => window.location.reload(), 300));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-reorder]").forEach(enableReorder);
    document.querySelectorAll("[data-reload-on-done]").forEach(reloadWhenDone);
  });
})();
