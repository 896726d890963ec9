/* Thư viện âm thanh: drag-and-drop or picker upload with per-file progress and the reason for
   each refusal, and replacing a file. Uploads use XMLHttpRequest for their progress; the players
   are waveplayer.js's (window.LoaWave re-wires a refreshed list); sending is upload.js's. */
(function () {
  "use strict";
  const byId = (id) => document.getElementById(id);
  const send = (...args) => window.LoaUpload.send(...args);

  function clock(seconds) {
    const total = Math.max(0, Math.round(seconds || 0));
    return Math.floor(total / 60) + ":" + String(total % 60).padStart(2, "0");
  }

  async function refreshList() {
    const answer = await fetch(location.href, { credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await answer.text(), "text/html");
    const fresh = page.getElementById("library-list");
    if (fresh) { byId("library-list").replaceWith(fresh); window.LoaWave.init(fresh); }
  }

  function uploadRow(file) {
    const row = document.createElement("li");
    row.dataset.testid = "upload-row";
    const name = document.createElement("span"); name.className = "upload-name"; name.textContent = file.name;
    const bar = document.createElement("progress"); bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Tiến độ tải " + file.name);
    const state = document.createElement("span"); state.className = "upload-state"; state.textContent = "Đang chờ…";
    const error = document.createElement("p"); error.className = "upload-error"; error.setAttribute("role", "alert");
    row.append(name, bar, state, error);
    byId("upload-list").appendChild(row);
    return { row: row, bar: bar, state: state, error: error };
  }

  function refuse(ui, message) {
    ui.row.classList.add("refused"); ui.row.dataset.result = "refused"; ui.bar.hidden = true;
    ui.state.textContent = "Không nhận";
    ui.error.textContent = message;
    return false;
  }

  async function uploadAll(files) {
    const root = byId("library");
    const kind = byId("upload-kind").value;
    const rows = Array.from(files).map((file) => [file, uploadRow(file)]);
    const results = [];
    // One at a time: the server converts and measures each file with ffmpeg.
    for (const [file, ui] of rows) results.push(await uploadOne(root, kind, file, ui));
    if (results.some(Boolean)) await refreshList();
  }

  async function uploadOne(root, kind, file, ui) {
    const maxMb = Number(root.dataset.maxMb);
    if (maxMb && file.size > maxMb * 1024 * 1024) {  // the server would refuse it unread
      return refuse(ui, "tệp '" + file.name + "' quá lớn (tối đa " + maxMb + " MB)");
    }
    const form = new FormData();
    form.append("station_id", root.dataset.station);
    form.append("kind", kind);
    form.append("file", file, file.name);
    ui.state.textContent = "Đang tải lên…";
    try {
      const item = await send("/library", form, ui.bar, () => {
        ui.state.textContent = "Đang chuyển đổi và đo độ lớn…";
      });
      ui.row.classList.add("done"); ui.row.dataset.result = "added";
      ui.state.textContent = "Đã thêm: «" + item.title + "» (" + clock(item.duration_s) + ")";
      return true;
    } catch (error) {
      return refuse(ui, error.message);
    }
  }

  async function replaceFile(itemId, file) {
    const item = byId("item-" + itemId);
    const bar = item.querySelector(".replace-progress");
    const slot = byId("item-error-" + itemId);
    slot.textContent = ""; bar.hidden = false; bar.value = 0;
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const answer = await send("/library/" + itemId + "/replace", form, bar);
      const count = answer.returned_segment_ids.length;
      byId("library-status").textContent = "Đã thay tệp của «" + answer.item.title + "»" +
        (count ? "; " + count + " chuyên mục dùng tệp này trở về chờ duyệt lại." : ".");
      await refreshList();
    } catch (error) {
      bar.hidden = true; slot.textContent = error.message;
    }
  }

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input.id === "upload-files" && input.files.length) { uploadAll(input.files); input.value = ""; }
    if (input.classList.contains("replace-input") && input.files.length) {
      replaceFile(input.id.replace("replace-", ""), input.files[0]); input.value = "";
    }
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-replace]");
    if (button) byId("replace-" + button.dataset.replace).click();
  });

  document.addEventListener("DOMContentLoaded", () => {
    const zone = byId("dropzone");
    if (zone) window.LoaUpload.dropZone(zone, uploadAll);
  });
})();
