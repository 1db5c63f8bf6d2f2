import {screen} from '@inquirer/testing/vitest';

/**
 * Waits until the shared inquirer test screen shows `text`. Validation runs asynchronously, so a
 * re-render can land before or after `screen.next()` is called; polling avoids that race.
 */
export async function screenShows(text: string | RegExp, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const matches = (value: string): boolean => (typeof text === 'string' ? value.includes(text) : text.test(value));
  for (;;) {
    const current = screen.getScreen();
    if (matches(current)) return current;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(text)}. Screen:\n${current}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
