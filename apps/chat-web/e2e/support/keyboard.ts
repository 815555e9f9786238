import type { Page } from 'playwright-core';

/** One place Tab stopped: what has focus, and whether a person can see that it has. */
export interface TabStop {
  name: string;
  visible: boolean;
}

/**
 * Presses Tab until `isTarget` holds for the focused element (at most `max` times) and
 * describes every stop. Focus counts as visible when the focused element — or, for one too
 * small to see (a visually hidden file input inside its button), the nearest ancestor big
 * enough to see — draws an outline or a box shadow.
 */
export async function tabUntil(page: Page, targetId: string, max = 40): Promise<TabStop[]> {
  const stops: TabStop[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;
      if (!focused || focused === document.body) return { id: '', name: 'body', visible: false };
      let shown: HTMLElement | null = focused;
      while (shown) {
        const box = shown.getBoundingClientRect();
        if (box.width >= 8 && box.height >= 8) break;
        shown = shown.parentElement;
      }
      const style = shown ? getComputedStyle(shown) : undefined;
      const outlined =
        style !== undefined && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const shadowed = style !== undefined && style.boxShadow !== 'none';
      const label =
        focused.getAttribute('aria-label') ||
        (focused.id && document.querySelector(`label[for="${focused.id}"]`)?.textContent) ||
        focused.closest('label')?.textContent ||
        focused.textContent;
      return {
        id: focused.id,
        name: `${focused.tagName.toLowerCase()} "${(label ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`,
        visible: outlined || shadowed,
      };
    });
    stops.push({ name: stop.name, visible: stop.visible });
    if (stop.id === targetId) return stops;
  }
  return stops;
}
