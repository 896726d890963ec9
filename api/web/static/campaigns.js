/* Chiến dịch: after a plan import, open the new draft campaign for review. */
(function () {
  "use strict";
  document.addEventListener("loa:done", (event) => {
    const form = event.target;
    if (!form || form.id !== "plan-import-form") return;
    const campaign = event.detail && event.detail.campaign;
    if (!campaign) return;
    const station = form.dataset.station ? "?station=" + form.dataset.station : "";
    window.location.href = "/chien-dich/" + campaign.id + station + "#import-review";
  });
})();
