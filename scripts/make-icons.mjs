// Draws Village's app icons (PNG) from the same shapes as public/favicon.svg.
// Run once after changing the design: node scripts/make-icons.mjs
import { chromium } from "@playwright/test";

const out = new URL("../public/icons/", import.meta.url).pathname;
const house = (scale) => {
  // The house sits in the middle; `scale` shrinks it into a maskable icon's safe zone.
  const t = (64 - 64 * scale) / 2;
  return `<g transform="translate(${t} ${t}) scale(${scale})"><path d="M14 34 32 18l18 16v16H14z" fill="#fbf8f3"/><circle cx="32" cy="38" r="5" fill="#0b5e6b"/></g>`;
};
const icon = (maskable) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
  (maskable ? `<rect width="64" height="64" fill="#0b5e6b"/>` : `<rect width="64" height="64" rx="14" fill="#0b5e6b"/>`) +
  house(maskable ? 0.8 : 1) +
  `</svg>`;
const shots = [
  { file: "icon-192.png", size: 192, maskable: false },
  { file: "icon-512.png", size: 512, maskable: false },
  { file: "icon-maskable-192.png", size: 192, maskable: true },
  { file: "icon-maskable-512.png", size: 512, maskable: true },
  { file: "apple-touch-icon.png", size: 180, maskable: true },
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
for (const shot of shots) {
  const page = await browser.newPage({ viewport: { width: shot.size, height: shot.size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${shot.size}px;height:${shot.size}px}</style>${icon(shot.maskable)}`,
  );
  await page.screenshot({ path: out + shot.file, omitBackground: true });
  await page.close();
}
await browser.close();
