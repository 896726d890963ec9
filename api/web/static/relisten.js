// The re-approval list: approved rows leave the list; refusals are shown with their reason.
(function () {
  "use strict";
  const form = document.getElementById("relisten-form");
  if (!form) return;
  form.addEventListener("loa:done", (event) => {
    const answer = event.detail || { approved: [], refused: [] };
    answer.approved.forEach((id) => {
      const row = form.querySelector('[data-relisten="' + id + '"]');
      if (row) row.remove();
    });
    const result = document.getElementById("relisten-result");
    const done = "Đã duyệt lại " + answer.approved.length + " thông báo.";
    const refused = answer.refused.map((r) => "«" + r.title + "»: " + r.detail);
    result.textContent = refused.length ? done + " Chưa duyệt được: " + refused.join("; ") : done;
    if (!form.querySelector("[data-relisten]")) form.hidden = true;
  });
})();
