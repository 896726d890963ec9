/* Từ điển phát âm: say what a CSV import did, then show the updated list. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("lexicon-import");
    if (!form) return;
    form.addEventListener("loa:done", (event) => {
      const result = event.detail || {};
      const box = document.getElementById("import-result");
      box.textContent = "Đã nhập: " + (result.created || 0) + " mục mới, " + (result.updated || 0) +
        " mục sửa, " + (result.unchanged || 0) + " mục không đổi.";
      box.hidden = false;
      setTimeout(() => window.location.reload(), 2500);
    });
  });
})();
