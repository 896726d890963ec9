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
      const after = itemAfter(list, event.clientY);
      if (after === null) list.appendChild(dragged); else if (after !== dragged) list.insertBefore(dragged, after);
    });
    list.addEventListener("drop", (event) => { if (dragged) event.preventDefault(); });
    list.addEventListener("dragend", () => {
      if (!dragged) return;
      const item = dragged;
      dragged = null;
      item.classList.remove("dragging");
      const to = Array.from(list.querySelectorAll("li.item")).indexOf(item);
      const from = positionOf(item);
      if (to >= 0 && to !== from) moveItem(list, from, to);
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
