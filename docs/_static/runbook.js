// On a phone each data-table row (every table but need boxes) is shown as a card (runbook.css); label every cell with its
// column header so the figures keep their meaning without the header row.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("article table.docutils:not(.need)")) {
    table.classList.add("cards");
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, index) => cell.setAttribute("data-label", headers[index] || ""));
    }
  }
});
