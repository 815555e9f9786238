import type { Page } from 'playwright-core';

/** The chat as a person uses it, by role and name (what a screen reader would announce). */
export const chatPage = (page: Page) => {
  const box = page.getByRole('textbox', { name: 'Message' });
  const botBubbles = page.locator('.bubble-bot:not(.typing)');
  return {
    page,
    box,
    botBubbles,
    /** Types `text`, sends it with Enter and waits for the bot's answer. */
    async say(text: string) {
      const before = await botBubbles.count();
      await box.fill(text);
      await box.press('Enter');
      await page.waitForFunction(
        ([selector, count]) =>
          document.querySelectorAll(selector as string).length > (count as number),
        ['.bubble-bot:not(.typing)', before] as const,
        { timeout: 20_000 },
      );
    },
    /** Clicks a quick reply and waits for the answer. */
    async choose(name: string) {
      const before = await botBubbles.count();
      await page.getByRole('button', { name, exact: true }).last().click();
      await page.waitForFunction(
        ([selector, count]) =>
          document.querySelectorAll(selector as string).length > (count as number),
        ['.bubble-bot:not(.typing)', before] as const,
        { timeout: 20_000 },
      );
    },
    lastBotText: () => botBubbles.last().innerText(),
    /**
     * Reloads the open chat and waits until its timeline is back from the history API, every
     * message shown before the reload included. The history records a turn asynchronously (bus →
     * queue → recorder), so a reload right after the last turn may come before it is stored:
     * reload again, as a person would, until it is there.
     */
    async reopen() {
      const messages = page.locator('.bubble:not(.typing)');
      const shown = await messages.count();
      let restored = 0;
      for (let attempt = 0; attempt < 10 && restored < shown; attempt += 1) {
        if (attempt > 0) await page.waitForTimeout(500);
        await page.reload();
        await botBubbles.first().waitFor({ timeout: 20_000 });
        restored = await messages.count();
      }
      if (restored < shown)
        throw new Error(`the reopened chat shows ${restored} of its ${shown} messages`);
    },
    /** "New chat", from the sidebar (behind the ☰ button on a phone). */
    async newChat() {
      const chats = page.getByRole('navigation', { name: 'Your chats' });
      const button = chats.getByRole('button', { name: '+ New chat' });
      if (!(await button.isVisible()))
        await page.getByRole('button', { name: 'Your chats' }).click();
      await button.click();
      await page.getByRole('heading', { name: 'Where to next?' }).waitFor();
    },
  };
};
