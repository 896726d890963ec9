/* Người dùng: keep the hidden "roles" JSON of a form in step with its role checkboxes, and show
   a new API token's value once. */
(function () {
  "use strict";
  function syncRoles(form) {
    const hidden = form.querySelector("[data-roles-json]");
    if (!hidden) return;
    const grants = Array.from(form.querySelectorAll("input[data-grant]:checked")).map((box) =>
      box.dataset.unit
        ? { role: box.dataset.role, station_id: null, unit_id: Number(box.dataset.unit) }
        : { role: box.dataset.role, station_id: box.dataset.station ? Number(box.dataset.station) : null },
    );
    hidden.value = JSON.stringify(grants);
  }
  document.addEventListener("change", (event) => {
    const box = event.target.closest("input[data-grant]");
    if (box && box.form) syncRoles(box.form);
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form [data-roles-json]").forEach((hidden) => syncRoles(hidden.form));
  });
  document.addEventListener("loa:done", (event) => {
    const form = event.target;
    if (!form || form.id !== "token-create-form" || !event.detail) return;
    const box = document.getElementById("token-once");
    const value = document.getElementById("token-value");
    if (!box || !value) return;
    value.textContent = event.detail.token;
    box.hidden = false;
    form.reset();
  });
})();
