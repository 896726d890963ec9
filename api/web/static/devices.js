/* Thiết bị: show a device's new token once (after creating it or re-issuing it), with a copy
   button. */
(function () {
  "use strict";
  function showToken(name, token) {
    const box = document.getElementById("device-token-once");
    if (!box) return;
    document.getElementById("device-token-name").textContent = name;
    document.getElementById("device-token-value").textContent = token;
    document.getElementById("device-token-copied").textContent = "";
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("loa:done", (event) => {
    const source = event.target;
    if (!event.detail || !event.detail.token) return;
    if (source.id === "device-create-form") {
      showToken(event.detail.name, event.detail.token);
      source.reset();
      const empty = document.getElementById("devices-empty");
      if (empty) empty.textContent = "Đã thêm «" + event.detail.name + "»: tải lại danh sách để thấy.";
    } else if (source.dataset && source.dataset.tokenFor !== undefined) {
      showToken(source.dataset.tokenFor, event.detail.token);
    }
  });
  document.addEventListener("click", async (event) => {
    if (!event.target.closest("#device-token-copy")) return;
    const value = document.getElementById("device-token-value").textContent;
    const said = document.getElementById("device-token-copied");
    try {
      await navigator.clipboard.writeText(value);
      said.textContent = "Đã sao chép.";
    } catch (error) {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById("device-token-value"));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      said.textContent = "Mã đã được chọn: nhấn Ctrl+C để sao chép.";
    }
  });
})();
