import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { CoursePage, type Lang } from './pages';

const langs: Lang[] = ['zh', 'en'];

test('the home page presents all six chapters, unwritten lessons marked as coming', async ({ page }) => {
  const course = new CoursePage(page);
  await course.openHome('en');
  await expect(page.locator('.chapter-card')).toHaveCount(6);
  await expect(page.locator('.chapter-card .coming').first()).toContainText('coming');
  await course.openHome('zh');
  await expect(page.locator('.chapter-card').first()).toContainText('推理系统');
  await expect(page.locator('.chapter-card .coming').first()).toContainText('即将推出');
});

test('the root address redirects to a language', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/(zh|en)$/);
});

for (const lang of langs) {
  test(`every ${lang} lesson renders, passes an axe scan, and links to its neighbours`, async ({ page }) => {
    const course = new CoursePage(page);
    const paths = await course.lessonPaths(lang);
    expect(paths.length).toBeGreaterThan(0);
    // A budget per lesson (an axe scan of a lesson with large widgets takes 10–20 s on a busy 2-core machine),
    // so the test does not time out as the course grows.
    test.setTimeout(30_000 + 30_000 * paths.length);
    for (const path of paths) {
      await course.openLesson(path);
      await expect(course.heading).not.toBeEmpty();
      await expect(page.locator('.objectives li').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
      // rehype-katex renders a bad formula as a red .katex-error span instead of failing the build
      await expect(page.locator('.katex-error'), `${path}: formulas that KaTeX could not render`).toHaveCount(
        0,
      );
      const scan = await new AxeBuilder({ page }).analyze();
      const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    }
  });
}

test('the language switch keeps the reader on the same lesson', async ({ page }) => {
  const course = new CoursePage(page);
  const [first] = await course.lessonPaths('en');
  await course.openLesson(first);
  const key = await course.lesson.getAttribute('data-lesson');
  await course.switchLanguage();
  await expect(page).toHaveURL(first.replace('/en/', '/zh/'));
  await expect(course.lesson).toHaveAttribute('data-lesson', key!);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('language and reading progress survive a reload', async ({ page }) => {
  const course = new CoursePage(page);
  const [first] = await course.lessonPaths('zh');
  await course.openLesson(first);
  await page.goto('/');
  await expect(page).toHaveURL(/\/zh$/);
  await expect(page.locator('.progress')).toContainText('已读 1');
  await page.reload();
  await expect(page.locator('.progress')).toContainText('已读 1');
});

test('corrupt saved state resets with a notice instead of a blank page', async ({ page }) => {
  await page.goto('/en');
  await page.evaluate(() =>
    localStorage.setItem('inference-playground', '{"state": {"lang": 42, "progress": "x"'),
  );
  await page.reload();
  await expect(page.getByTestId('persist-notice')).toBeVisible();
  await expect(page.locator('.chapter-card')).toHaveCount(6);
  await page.getByTestId('persist-notice').getByRole('button').click();
  await expect(page.getByTestId('persist-notice')).toHaveCount(0);
});

test('a quiz answer shows feedback and persists', async ({ page }) => {
  const course = new CoursePage(page);
  const [first] = await course.lessonPaths('en');
  await course.openLesson(first);
  const question = page.locator('.question').first();
  await question.locator('input[type=radio]').first().check();
  await expect(question.locator('.feedback')).toBeVisible();
  await expect(page.getByTestId('quiz-score')).toContainText('1 answered');
  await page.reload();
  await expect(page.locator('.question').first().locator('.feedback')).toBeVisible();
});

test('unknown addresses show the 404 page', async ({ page }) => {
  await page.goto('/en/no-such/lesson');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page).toHaveTitle(/^Page not found · /);
  await page.goto('/zh/no-such/lesson');
  await expect(page).toHaveTitle(/^页面不存在 · /);
  await page.goto('/xx');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page).toHaveTitle(/^Page not found · /);
});

test('keyboard: n goes to the next lesson, t switches the theme, f presenter mode', async ({ page }) => {
  const course = new CoursePage(page);
  const paths = await course.lessonPaths('en');
  await course.openLesson(paths[0]);
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('f');
  await expect(page.locator('html')).toHaveClass(/presenter/);
  if (paths.length > 1) {
    await page.keyboard.press('n');
    await expect(page).toHaveURL(paths[1]);
  }
});
