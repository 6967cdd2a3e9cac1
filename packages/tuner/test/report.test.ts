import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report.js';
import { sampleResult } from './fixtures-result.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('renderReport', () => {
  it('is one self-contained page: no scripts, no external assets', () => {
    const html = renderReport(sampleResult(), new Date(0));
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('cache-and-pool-v1');
    expect(html).toContain('4.20x');
  });

  it('renders in a real headless Chromium with every plot drawn', async () => {
    expect(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/setup.sh does)`).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'perf-report-'));
    const file = join(dir, 'report.html');
    await writeFile(file, renderReport(sampleResult()));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href);
      expect(await page.title()).toBe('perf-tune report');
      // Two policy curves, one marker, three measured worker points plus the fitted USL line, four bars.
      expect(await page.locator('#mrc svg path.series').count()).toBe(2);
      expect(await page.locator('#mrc svg line.marker').count()).toBe(1);
      expect(await page.locator('#workers svg circle.point').count()).toBe(3);
      expect(await page.locator('#workers svg path.series').count()).toBe(1);
      expect(await page.locator('#bench svg rect.bar').count()).toBe(2);
      const box = await page.locator('#mrc svg').boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      const png = await page.screenshot({ fullPage: true });
      expect(png.byteLength).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
