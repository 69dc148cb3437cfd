// On a phone each row of a data table with three or more columns (need boxes excepted) is shown as a card
// (runbook.css); label every cell with its
// column header so the figures keep their meaning without the header row.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("article table.docutils:not(.need)")) {
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    if (headers.length < 3) continue; // a two-column table fits a phone as it is
    table.classList.add("cards");
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, index) => cell.setAttribute("data-label", headers[index] || ""));
    }
  }
});
