import { expect, type Locator } from "@playwright/test";

/** Every route to help the crisis card must offer, with its exact link. */
export const ROUTES_TO_HELP = [
  { name: "Call 999", href: "tel:999" },
  { name: "Call NHS 111 on 111", href: "tel:111" },
  { name: "Call NHS 24 on 111", href: "tel:111" },
  { name: "Call Breathing Space on 0800 83 85 87", href: "tel:0800838587" },
  { name: "Call Lifeline on 0808 808 8000", href: "tel:08088088000" },
  { name: "Call Samaritans on 116 123", href: "tel:116123" },
  { name: "Text SHOUT to 85258", href: "sms:85258?body=SHOUT" },
] as const;

export const PSYCHOSIS_SIGNS = [
  "sudden confusion",
  "seeing or hearing things",
  "unusual beliefs",
  "not sleeping for days",
] as const;

/** The crisis card, wherever it is shown (page or dialog). */
export class CrisisCard {
  constructor(readonly root: Locator) {}

  async expectEveryRouteToHelp() {
    for (const route of ROUTES_TO_HELP) {
      const link = this.root.getByRole("link", { name: route.name, exact: true });
      await expect(link, route.name).toHaveAttribute("href", route.href);
    }
    for (const sign of PSYCHOSIS_SIGNS) {
      await expect(this.root.getByText(sign, { exact: false })).toBeVisible();
    }
    await expect(this.root.getByRole("heading", { name: "Your midwife, health visitor or GP" })).toBeVisible();
  }

  field(name: "Midwife" | "Health visitor" | "GP surgery") {
    return this.root.getByLabel(name, { exact: true });
  }
}
