// Registers Village's service worker, shows "A new version is ready" when an
// update is waiting (never reloading by itself), and asks the browser to keep
// this site's data once Village is installed or used a second time.
const banner = document.getElementById("update-banner");

function offerUpdate(registration) {
  if (!banner || !registration.waiting) return;
  banner.hidden = false;
  banner.querySelector("button")?.addEventListener("click", () => {
    registration.waiting?.postMessage({ type: "SKIP_WAITING" });
  });
}

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then((registration) => {
    offerUpdate(registration);
    registration.addEventListener("updatefound", () => {
      const incoming = registration.installing;
      incoming?.addEventListener("statechange", () => {
        if (incoming.state === "installed" && navigator.serviceWorker.controller) offerUpdate(registration);
      });
    });
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only after the person pressed Reload: a first install claims silently.
    if (banner && !banner.hidden && !reloading) {
      reloading = true;
      window.location.reload();
    }
  });
}

// Where the browser offers its own install prompt, a button shows it.
const installButton = document.getElementById("install-button");
window.addEventListener("beforeinstallprompt", (event) => {
  if (!installButton) return;
  event.preventDefault();
  installButton.hidden = false;
  installButton.addEventListener(
    "click",
    () => {
      installButton.hidden = true;
      event.prompt();
    },
    { once: true },
  );
});

try {
  const visits = Number(localStorage.getItem("village.visits") || "0") + 1;
  localStorage.setItem("village.visits", String(visits));
  const installed = window.matchMedia("(display-mode: standalone)").matches;
  if ((installed || visits >= 2) && navigator.storage?.persist) {
    navigator.storage.persisted().then((already) => already || navigator.storage.persist());
  }
} catch (_storageRefused) {
  // Private browsing can refuse storage; Village still works.
}
