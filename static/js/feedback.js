// Thumbs up / down on search results through the API, without reloading the page (which would
// run the search again). Without JavaScript the same forms post to the page's own view.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form.feedback")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = event.submitter;
      const status = form.querySelector(".feedback-status");
      const field = (name) => form.elements.namedItem(name).value;
      const body = {
        query: field("q"),
        customer_id: Number(field("customer")),
        useful: button ? button.value === "1" : true,
        reason: field("reason"),
      };
      status.textContent = "…";
      try {
        const response = await fetch(form.dataset.api, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            Accept: "application/json",
            "X-CSRFToken": field("csrfmiddlewaretoken"),
          },
          body: JSON.stringify(body),
        });
        if (response.ok) {
          status.textContent = body.useful ? "Marked useful" : "Marked not useful";
          form.classList.toggle("judged-useful", body.useful);
          form.classList.toggle("judged-not-useful", !body.useful);
        } else {
          const answer = await response.json().catch(() => ({}));
          const messages = Object.entries(answer).map(([key, value]) => `${key}: ${[].concat(value).join(" ")}`);
          status.textContent = messages.join("; ") || `Not saved (${response.status})`;
        }
      } catch (error) {
        status.textContent = "Not saved: the server did not answer.";
      }
    });
  }
});
