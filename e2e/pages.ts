// Page objects: what a reader sees and does, named the way a reader would describe it.
import { expect, type Page } from '@playwright/test';

export type Lang = 'zh' | 'en';

export class CoursePage {
  constructor(readonly page: Page) {}

  async openHome(lang: Lang) {
    await this.page.goto(`/${lang}`);
    await expect(this.page.locator('.chapter-card').first()).toBeVisible();
  }

  async openLesson(path: string) {
    await this.page.goto(path);
    await expect(this.lesson).toBeVisible();
    // every widget on the page is in place: their lazy boundaries can reveal at different times, and a
    // widget revealed late above another would change what `.first()` finds
    await expect(this.page.locator('.lesson-body .widget-loading')).toHaveCount(0);
  }

  get lesson() {
    return this.page.getByTestId('lesson');
  }

  get heading() {
    return this.page.locator('.lesson h1');
  }

  async switchLanguage() {
    await this.page.getByTestId('lang-switch').click();
  }

  /** Every lesson link on the home page, as paths. */
  async lessonPaths(lang: Lang): Promise<string[]> {
    await this.openHome(lang);
    const hrefs = await this.page
      .locator('.chapter-card a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    return hrefs.filter((h) => h.split('/').length === 4);
  }
}
