// The smallest app that resets a PIN: a form, mounted by script as a single-page app mounts it,
// that calls the side's reset function on submit and shows the outcome. Bundled once per side
// by bench/first-reset.mjs; the API key comes from the page (<html data-api-key>).

/**
 * @param reset (options) => Promise: the side's resetPinWithOtp
 * @param onMount called once the form is in the page (where an app would call the package's init())
 */
export function mountResetForm(reset, { onMount } = {}) {
  const { apiKey } = document.documentElement.dataset;
  const form = document.createElement("form");
  form.id = "reset";
  form.innerHTML =
    '<label>Username <input name="username" autocomplete="username"></label> ' +
    '<label>Code <input name="otp" autocomplete="one-time-code"></label> ' +
    '<label>New PIN <input name="pin" type="password"></label> ' +
    '<button>Reset PIN</button> <p id="outcome" role="status"></p>';
  const outcome = form.querySelector("#outcome");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { username, otp, pin } = Object.fromEntries(new FormData(form));
    try {
      await reset({ apiKey, baseUrl: location.origin, username, otp, pin });
      outcome.textContent = "Your PIN is changed.";
      outcome.dataset.outcome = "ok";
    } catch (error) {
      outcome.textContent = error.message;
      outcome.dataset.outcome = error.kind ?? "error";
    }
  });
  document.body.append(form);
  onMount?.();
}
