/* Bản tin: the create form's targets follow the issuing unit (only its lists are shown and sent,
   and only when "chosen" is picked); a draft's recording is uploaded by picker or drop
   (upload.js), then the page reloads to show what the bulletin airs. */
(function () {
  "use strict";
  const byId = (id) => document.getElementById(id);

  function showTargets(form) {
    const chosen = form.querySelector('input[name="target_mode"]:checked').value === "chosen";
    const issuer = byId("bt-unit_id").value;
    form.querySelectorAll(".target-lists").forEach((box) => {
      const shown = chosen && box.dataset.issuer === issuer;
      box.hidden = !shown;
      box.querySelectorAll("input").forEach((input) => { input.disabled = !shown; });
    });
  }

  /* "Chosen" with nothing ticked would send to every station: say so instead of sending. */
  function checkChosen(event) {
    const form = event.currentTarget;
    const chosen = form.querySelector('input[name="target_mode"]:checked').value === "chosen";
    if (!chosen || form.querySelector(".target-lists:not([hidden]) input:checked")) return;
    event.preventDefault(); event.stopPropagation();
    const slot = form.querySelector('[data-error-for="target_station_ids"]');
    slot.textContent = "Chọn ít nhất một đơn vị hoặc một đài, hoặc chọn «Mọi đài trực thuộc».";
    const first = form.querySelector(".target-lists:not([hidden]) input, input[name=target_mode]");
    if (first) first.focus();
  }

  async function upload(zone, file) {
    const bar = zone.querySelector("progress");
    const state = zone.querySelector(".upload-state");
    const error = zone.querySelector(".upload-error");
    error.textContent = "";
    const maxMb = Number(zone.dataset.maxMb);
    if (maxMb && file.size > maxMb * 1024 * 1024) {  // the server would refuse it unread
      error.textContent = "tệp '" + file.name + "' quá lớn (tối đa " + maxMb + " MB)";
      return;
    }
    const form = new FormData();
    form.append("file", file, file.name);
    bar.hidden = false; bar.value = 0;
    state.textContent = "Đang tải lên " + file.name + "…";
    try {
      await window.LoaUpload.send(zone.dataset.upload, form, bar, () => {
        state.textContent = "Đang chuyển đổi và đo độ lớn…";
      });
      state.textContent = "Đã nhận tệp thu âm.";
      window.location.reload();
    } catch (failure) {
      bar.hidden = true; state.textContent = ""; error.textContent = failure.message;
    }
  }

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input.classList.contains("bulletin-audio-file") && input.files.length) {
      upload(input.closest("[data-upload]"), input.files[0]); input.value = "";
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const form = byId("bulletin-create-form");
    if (form) {
      form.addEventListener("change", (event) => {
        if (event.target.name === "target_mode" || event.target.id === "bt-unit_id") showTargets(form);
      });
      form.addEventListener("submit", checkChosen);
      showTargets(form);
    }
    document.querySelectorAll("[data-upload]").forEach((zone) => {
      window.LoaUpload.dropZone(zone, (files) => upload(zone, files[0]));
    });
  });
})();
