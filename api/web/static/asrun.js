/* Xác nhận phát sóng: after a player log upload, the page reloads (the list is fresh) and shows
   how many lines matched and each refused line with its reason. */
(function () {
  "use strict";
  const KEY = "loa-player-log-result";

  function show(result) {
    const box = document.getElementById("player-log-result");
    if (!box) return;
    const refused = result.refused || [];
    document.getElementById("player-log-matched").textContent =
      "Đã ghi nhận " + result.matched + " dòng khớp với buổi phát" +
      (refused.length ? "; " + refused.length + " dòng không ghi nhận:" : ".");
    const list = document.getElementById("player-log-refused");
    list.replaceChildren(...refused.map((line) => {
      const item = document.createElement("li");
      item.dataset.testid = "refused-line";
      item.textContent = "Dòng " + line.line + ": " + line.reason;
      return item;
    }));
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const saved = sessionStorage.getItem(KEY);
    if (saved) {
      sessionStorage.removeItem(KEY);
      show(JSON.parse(saved));
    }
    const form = document.getElementById("player-log-form");
    if (!form) return;
    form.addEventListener("loa:done", (event) => {
      sessionStorage.setItem(KEY, JSON.stringify(event.detail || {}));
      window.location.reload();
    });
  });
})();
