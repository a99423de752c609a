// aktstykke watch: keeps the open page in step with the spec, without reloading it.
// The server sends the newest version's number (server-sent events) once per change; the
// page then fetches the new fragment and swaps it in. Nothing polls. A number unlike the
// one shown counts, lower too: a restarted server counts from 1 again.
"use strict";
(() => {
  const main = document.getElementById("preview");
  let shown = Number(main.dataset.version);
  let stale = false;
  let fetching = false;

  async function catchUp() {
    if (fetching) return;
    fetching = true;
    try {
      while (stale) {
        stale = false;
        const response = await fetch("/document", { cache: "no-store" });
        if (!response.ok) break;
        const html = await response.text();
        main.innerHTML = html;
        shown = Number(response.headers.get("X-Preview-Version"));
        main.dataset.version = String(shown);
        const bar = main.querySelector(".preview-bar");
        if (bar) document.title = bar.dataset.title;
      }
    } catch (error) {
      // The server is gone; the event stream reconnects and says what to fetch.
    } finally {
      fetching = false;
    }
  }

  const events = new EventSource("/events");
  events.onmessage = (event) => {
    if (Number(event.data) === shown) return;
    stale = true;
    catchUp();
  };
  events.onopen = () => document.body.classList.remove("preview-offline");
  events.onerror = () => document.body.classList.add("preview-offline");
})();
