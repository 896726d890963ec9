/* Shared file upload: one multipart POST with its progress and the server's reason for a refusal,
   and a drop zone. Used by the library (library.js) and the bulletins page (bulletins.js). */
(function () {
  "use strict";
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function reason(xhr) {
    try {
      const body = JSON.parse(xhr.responseText);
      if (body.errors && body.errors.length) return body.errors.map((e) => e.detail).join("; ");
      const detail = body.detail || ("Lỗi " + xhr.status);
      const prefix = body.field ? body.field + ": " : "";
      return prefix && detail.startsWith(prefix) ? detail.slice(prefix.length) : detail;
    } catch (e) { return xhr.status ? "Lỗi " + xhr.status : "Mất kết nối tới máy chủ"; }
  }

  /* Send one form with its progress; resolves with the parsed answer or rejects with a reason.
     `sent` runs once the bytes are up (the server then converts and measures the file). */
  function send(url, form, bar, sent) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && bar) bar.value = Math.round((event.loaded / event.total) * 100);
      };
      xhr.upload.onload = () => { if (sent) sent(); };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          if (bar) bar.value = 100;
          resolve(JSON.parse(xhr.responseText));
        } else { reject(new Error(reason(xhr))); }
      };
      xhr.onerror = () => reject(new Error("Mất kết nối tới máy chủ"));
      xhr.send(form);
    });
  }

  /* Files dropped on the zone go to `onFiles`; the zone is marked while something is over it. */
  function dropZone(zone, onFiles) {
    ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
      event.preventDefault(); zone.classList.add("over");
    }));
    ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("over")));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) onFiles(event.dataTransfer.files);
    });
  }

  window.LoaUpload = { send: send, reason: reason, dropZone: dropZone };
})();
