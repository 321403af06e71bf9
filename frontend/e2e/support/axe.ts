import { readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';

/** axe-core's source, evaluated over the DevTools protocol: the app's CSP (rightly) refuses an injected <script>. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeOptions {
  /** CSS selectors of the parts to check (default: the whole page). */
  include?: string[];
  /** Only violations of these impacts count (default: all). */
  impacts?: readonly AxeImpact[];
}

/** axe-core's violations in the page, one line each: "rule (impact): target, target". */
export async function axeViolations(page: Page, { include, impacts }: AxeOptions = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations: { id: string; impact: AxeImpact; targets: string[] }[] = await page.evaluate(async (selectors) => {
    const axe = (window as any).axe;
    const context = selectors ? { include: selectors.map((selector) => [selector]) } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((violation: any) => ({
      id: violation.id as string,
      impact: violation.impact as AxeImpact,
      // Contrast findings name their colours, e.g. "button (4.1:1 #71717b on #18181b)".
      targets: violation.nodes.map((node: any) => {
        const contrast = node.any.find((check: any) => check.data?.contrastRatio)?.data;
        const colours = contrast ? ` (${contrast.contrastRatio}:1 ${contrast.fgColor} on ${contrast.bgColor})` : '';
        return `${(node.target as string[]).join(' ')}${colours}`;
      }) as string[],
    }));
  }, include ?? null);
  return violations
    .filter((violation) => !impacts || impacts.includes(violation.impact))
    .map(({ id, impact, targets }) => `${id} (${impact}): ${targets.join(', ')}`);
}

/** The bar for every page and state: no serious or critical violation anywhere on the page. */
export async function expectNoSeriousAxeViolations(page: Page, include?: string[]): Promise<void> {
  expect(await axeViolations(page, { include, impacts: ['serious', 'critical'] })).toEqual([]);
}
