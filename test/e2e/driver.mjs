// The user's side of the end-to-end test: headless Chromium, driven by playwright-core, works in
// code-server as a person would (Quick Open, Go to Line, Ctrl+Space, Ctrl+., the Problems panel,
// the command palette) and reads what the workbench shows. Every check saves a screenshot.
//
// Each check returns { status: 'pass' | 'skip', detail } or throws to fail. A skip is only for a
// feature that the extension does not contribute yet; the probe for that is explicit and printed.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Polls a probe until it returns a truthy value; the probe's last error explains a time-out. */
export async function until(probe, { timeout = 30_000, interval = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message.split('\n')[0]})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Monaco draws spaces as no-break spaces; tests compare ordinary text. */
const plain = (text) => text.replace(/\u00a0/g, ' ');

/**
 * Runs every check against a code-server page and returns their results in order.
 * `fixture` describes where things are in the workspace files (see run.mjs).
 */
export async function runChecks({ url, chromiumPath, shotsDir, fixture, features, only, log = console.log }) {
  mkdirSync(shotsDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    // --no-sandbox is needed as root; the rest keep Chromium from reaching for the network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps'],
  });
  const results = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // Reads and clicks that find nothing should fail fast; every real wait sets its own time limit.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const ui = new Workbench(page, shotsDir);
    let step = 0;
    let workbenchReady = true;
    // A partial run (LEO_LENS_E2E_ONLY) keeps the checks every other check depends on.
    const selected = checks(ui, fixture, features).filter((c) => !only || only.has(c.id) || c.id === 'workbench' || c.id === 'status-bar');
    for (const check of selected) {
      step += 1;
      const shot = `${String(step).padStart(2, '0')}-${check.id}`;
      const started = Date.now();
      let result;
      if (!workbenchReady) {
        result = { status: 'fail', detail: 'not run: the workbench did not load' };
      } else {
        try {
          result = await check.run();
          // A skipped check did nothing on screen, so a picture of it would only mislead.
          if (result.status !== 'skip') await ui.screenshot(shot);
          // The README's pictures: the editor and what the step opened, without the side bars.
          // A picture that cannot be cropped is not a product failure, so it never fails the step.
          if (result.status === 'pass' && check.docs) await ui.docShot(check.id, check.docs).catch(() => undefined);
        } catch (error) {
          result = { status: 'fail', detail: error.message.split('\n').slice(0, 4).join(' | ') };
          await ui.screenshot(`${shot}-FAILED`).catch(() => undefined);
          if (check.critical) workbenchReady = false;
        }
        // Each check starts from a quiet editor, whatever the last one left open.
        await ui.dismiss().catch(() => undefined);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      results.push({ name: check.name, status: result.status, detail: result.detail, seconds, screenshot: `${shot}.png` });
      log(`${result.status.toUpperCase().padEnd(4)} ${check.name} (${seconds} s) — ${result.detail}`);
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** The checks, in the order a new user would meet the features. */
function checks(ui, fx, features) {
  // A feature that has not shipped is a skip, stated as such, unless the run requires it.
  const absent = (required, detail) => {
    if (required) throw new Error(`required but ${detail}`);
    return { status: 'skip', detail: `not yet available: ${detail}` };
  };
  // Once the server has answered, each check gets a generous but bounded time; if it never came up,
  // the later checks fail quickly with their own messages instead of each waiting in full.
  const state = { serverReady: false };
  const wait = () => (state.serverReady ? 45_000 : 10_000);
  // Hover and completion checks differ only in the file, the position and what must appear.
  const hoverCheck = (id, name, file, at, expect) => ({
    id,
    docs: ['.editor-group-container.active .title', '@lines', '.monaco-hover:visible'],
    name,
    run: async () => {
      await ui.openFile(file);
      const text = await ui.hoverUntil(at, (t) => expect.test(t), wait());
      return { status: 'pass', detail: `hover: ${JSON.stringify(text.slice(0, 120))}…` };
    },
  });
  const completionCheck = (id, name, file, at, expected) => ({
    id,
    docs: ['.editor-group-container.active .title', '@lines', '.suggest-widget.visible'],
    name,
    run: async () => {
      await ui.openFile(file);
      const labels = await ui.completeUntil(at, expected, wait());
      return { status: 'pass', detail: `suggestions: ${labels.slice(0, 12).join(', ')}` };
    },
  });
  const problemsCheck = (id, name, file, codes) => ({
    id,
    docs: ['.part.editor', '.part.panel'],
    name,
    run: async () => {
      await ui.openFile(file);
      const rows = await ui.fileProblemsUntil(file, codes, wait());
      return { status: 'pass', detail: `only ${codes.join(', ')} for ${file}: ${summariseProblems(rows, codes)}` };
    },
  });
  return [
    {
      id: 'workbench',
      name: 'code-server opens the workspace with LEO Lens installed',
      critical: true,
      run: async () => {
        await ui.open(fx.url);
        return { status: 'pass', detail: `workbench loaded, folder ${fx.folderName}` };
      },
    },
    {
      id: 'status-bar',
      name: 'the status bar shows the catalogue and the findings count',
      run: async () => {
        // Opening a SQL file activates the extension, which starts the server; the status item
        // changes from "loading" to the catalogue only once the server has loaded it. That makes it
        // the readiness signal for every later check.
        await ui.openFile(fx.hoverSql.file);
        const text = await ui.statusItem(fx.statusBar.expect, 120_000);
        state.serverReady = true;
        return { status: 'pass', detail: `status bar: ${JSON.stringify(text)}` };
      },
    },
    hoverCheck('sql-hover', 'hover on fsmeligible_spr19 in a .sql file shows its description', fx.hoverSql.file, fx.hoverSql.hover, fx.hoverSql.expect),
    completionCheck('sql-completion', 'Ctrl+Space after "e." (leo_earnings) lists Earnings and TaxYear', fx.completionSql.file, fx.completionSql.at, fx.completionSql.expect),
    {
      id: 'problems',
      docs: ['.part.editor', '.part.panel', '.part.statusbar'],
      name: 'seeded mistakes appear in the Problems panel with their codes',
      run: async () => {
        await ui.openFile(fx.mistakes.file);
        const rows = await ui.problemsUntil(fx.mistakes.codes, wait());
        return { status: 'pass', detail: `${rows.length} problems: ${summariseProblems(rows, fx.mistakes.codes)}` };
      },
    },
    {
      id: 'quick-fix',
      name: 'the LEO102 quick fix replaces the misspelt column',
      run: async () => {
        await ui.openFile(fx.mistakes.file);
        const applied = await ui.quickFix(fx.mistakes.fixAt, fx.mistakes.fixTitle, wait());
        const text = await until(async () => {
          const t = await ui.editorText();
          return t.includes(fx.mistakes.fixedText) && !t.includes(fx.mistakes.misspelt) && t;
        }, { timeout: 15_000, what: `the editor to read "${fx.mistakes.fixedText}"` });
        return { status: 'pass', detail: `applied "${applied}"; the line now reads "${text.split('\n').find((l) => l.includes(fx.mistakes.fixedText))?.trim()}"` };
      },
    },
    {
      id: 'disclosure-risk',
      docs: ['.part.editor', '.part.panel'],
      name: 'a seeded disclosure risk appears in the Problems panel with its SDC code',
      run: async () => {
        if (!features.sdcRules) return absent(features.requireSdc, '`leo-lens lint` reports no SDC code on the workspace, so the disclosure rules are not wired in');
        await ui.openFile(fx.disclosure.file);
        const rows = await ui.problemsUntil(fx.disclosure.codes, wait());
        return { status: 'pass', detail: summariseProblems(rows, fx.disclosure.codes) };
      },
    },
    hoverCheck('r-hover', 'hover on df$fsmeligible_spr19 in an .R file shows its description', fx.r.file, fx.r.hover, fx.r.expectHover),
    completionCheck('r-completion', 'Ctrl+Space after "df$" in an .R file lists the selected columns', fx.r.file, fx.r.completeAt, fx.r.expectCompletion),
    {
      id: 'stata-grammar',
      name: 'a .do file opens as Stata and is highlighted by the Stata grammar',
      run: async () => {
        await ui.openFile(fx.stata.file);
        const mode = await ui.languageMode(/^Stata$/, 20_000);
        const scopes = await ui.inspectTokens(fx.stata.token, fx.stata.expectScope, 30_000);
        return { status: 'pass', detail: `language mode ${mode}; "${fx.stata.token.word}" has scopes ${scopes}` };
      },
    },
    hoverCheck('python-hover', 'hover on df["fsmeligible_spr19"] in a .py file (a frame from pd.read_sql) shows its description', fx.python.file, fx.python.hover, fx.python.expectHover),
    completionCheck('python-completion', 'Ctrl+Space inside df[" in a .py file lists the columns the SQL selected', fx.python.file, fx.python.completeAt, fx.python.expectCompletion),
    problemsCheck('python-problems', 'a misspelt pandas column in a .py file shows LEO102 in the Problems panel', fx.python.file, fx.python.codes),
    {
      id: 'notebook-problems',
      docs: ['.part.editor', '.part.panel'],
      name: 'a misspelt column in a Jupyter notebook (.ipynb) shows LEO102 in the Problems panel',
      run: async () => {
        // code-server's built-in ipynb support opens the file in the notebook editor: that part is
        // code-server's, and is checked first so that a failure there is not taken for ours.
        const cells = await ui.openNotebook(fx.notebook.file, fx.notebook.cells);
        await ui.screenshot('notebook-opened');
        const rows = await ui.fileProblemsUntil(fx.notebook.file, fx.notebook.codes, wait());
        return { status: 'pass', detail: `notebook editor with ${cells} cells; ${summariseProblems(rows, fx.notebook.codes)}` };
      },
    },
    {
      id: 'notebook-hover',
      docs: ['.notebookOverlay', '.monaco-hover:visible'],
      name: 'hover on a column in a later notebook cell than the read shows its catalogue description',
      run: async () => {
        await ui.openNotebook(fx.notebook.file, fx.notebook.cells);
        // The Problems panel of the check before covers the notebook's last cell; Ctrl+J hides it.
        if (await ui.page.locator('.part.panel:visible').count() > 0) await ui.page.keyboard.press('Control+J');
        // The last occurrence is in the cell after the read, so the hover shows that the frame is known there.
        const text = await ui.hoverWordUntil('.notebookOverlay', fx.notebook.hover, (t) => fx.notebook.expectHover.test(t), wait());
        return { status: 'pass', detail: `hover: ${JSON.stringify(text.slice(0, 120))}…` };
      },
    },
    problemsCheck('stata-problems', 'a misspelt variable after odbc load in a .do file shows LEO102 in the Problems panel', fx.stataProblems.file, fx.stataProblems.codes),
    hoverCheck('stata-hover', 'hover on a variable in a Stata varlist shows its catalogue description', fx.stataProblems.file, fx.stataProblems.hover, fx.stataProblems.expectHover),
    {
      id: 'coverage-hover',
      docs: ['.editor-group-container.active .title', '@lines', '.monaco-hover:visible'],
      name: 'hover on leo_earnings in a .sql file ends with the "Who is covered" line',
      run: async () => {
        await ui.openFile(fx.coverage.file);
        const text = await ui.hoverUntil(fx.coverage.hover, (t) => fx.coverage.expectHover.test(t), wait());
        // The table's hover is long; scroll it to the end, as a reader would, so the line is on screen.
        await ui.scrollHoverTo(fx.coverage.line);
        const line = text.split('\n').find((l) => fx.coverage.line.test(l)) ?? '';
        return { status: 'pass', detail: `hover ends: ${JSON.stringify(line.slice(0, 160))}…` };
      },
    },
    {
      id: 'leo201',
      docs: ['.part.editor', '.part.panel'],
      name: 'an INNER JOIN from a census cohort to leo_earnings shows the LEO201 hint in the Problems panel',
      run: async () => {
        await ui.openFile(fx.coverage.file);
        const rows = await ui.fileProblemsUntil(fx.coverage.file, fx.coverage.codes, wait());
        // For the picture, the hint's own hover on the join, where its message is shown whole.
        await ui.hoverUntil(fx.coverage.hintAt, (t) => fx.coverage.expectHint.test(t), wait());
        return { status: 'pass', detail: `only ${fx.coverage.codes.join(', ')} for ${fx.coverage.file}: ${summariseProblems(rows, fx.coverage.codes)}` };
      },
    },
    {
      id: 'report',
      docs: ['.part.editor', '.part.panel'],
      name: 'LEO Lens: Check workspace before output request produces the report',
      run: async () => {
        if (!features.reportCommand) return absent(features.requireReport, 'the packaged extension contributes no "Check workspace before output request" command');
        const title = await ui.runReportCommand(features.reportCommand, fx.report, 120_000);
        return { status: 'pass', detail: `report opened: ${title}` };
      },
    },
    {
      id: 'extension-host-suite',
      name: 'the extension-host suite (test/electron/suite.cjs) runs inside code-server',
      run: async () => {
        // The harness command runs the suite in the extension host and writes its results, which
        // run.mjs reports one by one; this check only proves that the suite ran to the end.
        await ui.runCommand('LEO Lens E2E: Run extension-host suite');
        await until(() => existsSync(fx.suiteResult), { timeout: 240_000, interval: 500, what: 'the extension-host suite results' });
        return { status: 'pass', detail: `results in ${fx.suiteResult.split('/').pop()}` };
      },
    },
  ];
}

function summariseProblems(rows, codes) {
  return codes.map((code) => rows.find((row) => row.includes(code)) ?? `${code}: missing`).map((row) => row.replace(/\s+/g, ' ').slice(0, 110)).join(' | ');
}

/** What a user does in the workbench, as small steps that each wait for the UI to respond. */
class Workbench {
  constructor(page, shotsDir) {
    this.page = page;
    this.shotsDir = shotsDir;
  }

  async screenshot(name) {
    // Widgets fade in; finishing their animations first keeps a fresh hover from looking washed out.
    await this.page.screenshot({ path: join(this.shotsDir, `${name}.png`), animations: 'disabled' });
  }

  /**
   * A picture cropped to the union of the given parts of the workbench (each one's first visible
   * match), saved as docs-<name>.png for the README; run.mjs publishes it only if its step passed.
   */
  async docShot(name, selectors) {
    const boxes = [];
    for (const selector of selectors) {
      const box = selector === '@lines'
        ? await this.linesBox()
        : await this.page.locator(selector).first().boundingBox({ timeout: 1_000 }).catch(() => null);
      if (box) boxes.push(box);
    }
    if (boxes.length === 0) return;
    const viewport = this.page.viewportSize();
    const x = Math.max(0, Math.min(...boxes.map((b) => b.x)));
    const y = Math.max(0, Math.min(...boxes.map((b) => b.y)));
    const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)));
    const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)));
    await this.page.screenshot({
      path: join(this.shotsDir, `docs-${name}.png`),
      clip: { x, y, width: right - x, height: bottom - y },
      animations: 'disabled',
    });
  }

  /** The box around the active editor's text: its full width, from the first line to the last. */
  async linesBox() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first().evaluate((editor) => {
      const frame = editor.getBoundingClientRect();
      const lines = [...editor.querySelectorAll('.view-line')].map((line) => line.getBoundingClientRect());
      if (lines.length === 0) return null;
      const top = Math.min(...lines.map((r) => r.top));
      const bottom = Math.max(...lines.map((r) => r.bottom));
      return { x: frame.left, y: top, width: frame.width, height: bottom - top + 12 };
    }).catch(() => null);
  }

  async open(url) {
    await this.page.goto(url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    // The explorer listing the folder means the remote file system answers, not only the shell.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  /** Closes widgets and dialogs a check may have left open, and clears a Problems filter it set. */
  async dismiss() {
    for (let i = 0; i < 3; i += 1) await this.page.keyboard.press('Escape');
    if (this.problemsFiltered) {
      await this.problemsFilter().fill('');
      this.problemsFiltered = false;
    }
  }

  /** The Problems panel's filter box ("Filter (e.g. text, **\/*.ts, !**\/node_modules/**)"). */
  problemsFilter() {
    return this.page.locator('.part.panel input[placeholder^="Filter"]').first();
  }

  /**
   * Opens the Problems panel, types a file's workspace path into its filter (which then shows that
   * file's problems only, as a user narrows a long list), and waits until the file's problems carry
   * exactly the expected codes: each one present and no other LEO or SDC code. The filter stays for
   * the step's picture; dismiss() clears it.
   */
  async fileProblemsUntil(relativePath, codes, timeout) {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible' });
    }
    const filter = this.problemsFilter();
    await filter.fill(relativePath);
    this.problemsFiltered = true;
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    // The tree's first level is one row per file; the filter applies after a short delay, and until
    // then other files' rows are still there.
    const fileRows = this.page.locator('.markers-panel .monaco-list-row[aria-level="1"]');
    const name = relativePath.split('/').pop();
    let texts = [];
    let found = [];
    try {
      await until(async () => {
        const files = (await fileRows.allInnerTexts()).map(plain);
        texts = (await rows.allInnerTexts()).map(plain);
        if (files.length === 0 || !files.every((t) => t.trim().startsWith(name))) return false;
        found = [...new Set(texts.flatMap((t) => t.match(/\b(?:LEO|SDC)\d{3}\b/g) ?? []))].sort();
        return codes.every((code) => found.includes(code)) && found.every((code) => codes.includes(code));
      }, { timeout, interval: 500, what: `exactly ${codes.join(', ')} for ${relativePath}` });
    } catch (error) {
      throw new Error(`${error.message}; the panel, filtered to ${relativePath}, showed ${texts.map((t) => t.replace(/\s+/g, ' ')).join(' | ') || 'nothing'}`);
    }
    return texts;
  }

  /**
   * Opens a notebook with Quick Open and waits for the notebook editor to draw cells and for the
   * status bar to count them ("Cell 1 of 4"); returns that count. Focus stays in the notebook, since
   * a notebook has no single text editor.
   */
  async openNotebook(relativePath, expectedCells) {
    const name = relativePath.split('/').pop();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
    await this.page.keyboard.press('Enter');
    const active = this.page.locator('.tabs-container .tab.active');
    await until(async () => (await active.first().getAttribute('aria-label', { timeout: 1_000 }))?.startsWith(name), { what: `the tab for ${name}` });
    // The notebook editor draws in an overlay above the editor group, not inside it.
    const cells = this.page.locator('.notebookOverlay .monaco-list-row.code-cell-row:visible, .notebookOverlay .monaco-list-row.markdown-cell-row:visible');
    let drawn = 0;
    let total = 0;
    try {
      await until(async () => {
        drawn = await cells.count();
        const status = (await this.page.locator('.statusbar-item').allInnerTexts()).map(plain).find((t) => /Cell \d+ of \d+/.test(t));
        total = Number(/of (\d+)/.exec(status ?? '')?.[1] ?? 0);
        return drawn > 0 && total === expectedCells;
      }, { timeout: 30_000, what: `the notebook editor with ${expectedCells} cells` });
    } catch (error) {
      const editor = await this.page.locator('.notebookOverlay:visible, .editor-group-container.active .editor-container').first().innerText().catch(() => '');
      throw new Error(`${error.message}; it drew ${drawn}, the status bar counted ${total}, and the editor area read ${JSON.stringify(plain(editor).slice(0, 200))}`);
    }
    return total;
  }

  /**
   * Scrolls the open hover to its end with the keyboard (Ctrl+K Ctrl+I again focuses the hover;
   * End goes to its bottom) and waits until the text matching `pattern` is inside the hover's box.
   */
  async scrollHoverTo(pattern) {
    const hover = this.page.locator('.monaco-hover:visible').first();
    await hover.waitFor({ state: 'visible' });
    const onScreen = () => hover.evaluate((element, source) => {
      const re = new RegExp(source);
      const box = element.getBoundingClientRect();
      const target = [...element.querySelectorAll('strong, p')].find((node) => re.test(node.textContent ?? ''));
      if (!target) return false;
      const r = target.getBoundingClientRect();
      return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    }, pattern.source);
    if (await onScreen()) return;
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    await until(async () => this.page.locator('.monaco-hover:focus-within').count(), { timeout: 5_000, what: 'the hover to take focus' });
    await this.page.keyboard.press('End');
    await until(onScreen, { timeout: 5_000, what: `the hover to show ${pattern}` });
  }

  /** Opens a workspace file with Quick Open, as a user would type its name. */
  async openFile(relativePath) {
    const name = relativePath.split('/').pop();
    const active = this.page.locator('.tabs-container .tab.active');
    // With no editor open there is no active tab; count() answers at once where a read would wait.
    const current = (await active.count()) > 0 ? await active.first().getAttribute('aria-label') : '';
    if (current?.startsWith(name)) {
      await this.focusEditor();
      return;
    }
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    // Quick Open lists the file only once the workspace search has indexed it.
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
    await this.page.keyboard.press('Enter');
    await until(async () => (await active.first().getAttribute('aria-label', { timeout: 1_000 }))?.startsWith(name), { what: `the tab for ${name}` });
    await this.focusEditor();
  }

  async focusEditor() {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible' });
    // Clicking would move the cursor; Ctrl+1 focuses the first editor group and keeps it.
    await this.page.keyboard.press('Control+1');
    await until(async () => this.page.locator('.editor-group-container.active .monaco-editor.focused').count(), { what: 'the editor to take focus' });
  }

  /** Moves the cursor with Go to Line (Ctrl+G), then waits for the status bar to confirm it. */
  async goTo({ line, column }) {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    const selection = this.page.locator('#status\\.editor\\.selection');
    await until(async () => (await selection.innerText()).includes(`Ln ${line}, Col ${column}`), {
      timeout: 10_000,
      what: `the cursor at line ${line}, column ${column}`,
    });
  }

  /** The text of the active editor's visible lines. */
  async editorText() {
    const lines = await this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').allInnerTexts();
    return plain(lines.join('\n'));
  }

  /**
   * Hovers the mouse over the last word `word` drawn inside `container` (a notebook has one editor per
   * cell, so there is no single editor to move a cursor in) and retries until the hover's text
   * satisfies `accept`.
   */
  async hoverWordUntil(container, word, accept, timeout) {
    const target = this.page.locator(`${container} .monaco-editor .view-line span > span`, { hasText: word }).last();
    const hover = this.page.locator('.monaco-hover:visible').first();
    let seen = '';
    try {
      return await until(async () => {
        await this.page.mouse.move(0, 0);
        await target.scrollIntoViewIfNeeded({ timeout: 3_000 });
        await target.hover({ timeout: 3_000 });
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
        await until(async () => !/^\s*Loading\.\.\.\s*$/.test(await hover.innerText()), { timeout: 5_000, what: 'the hover to load' });
        seen = plain(await hover.innerText());
        return accept(seen) && seen;
      }, { timeout, interval: 500, what: `the LEO Lens hover on ${word}` });
    } catch (error) {
      throw new Error(`${error.message}; the last hover read ${JSON.stringify(seen.slice(0, 200))}`);
    }
  }

  /**
   * Shows the hover at a position with the keyboard ("Show or Focus Hover", Ctrl+K Ctrl+I) and
   * retries until its text satisfies `accept`.
   */
  async hoverUntil(at, accept, timeout) {
    await this.goTo(at);
    const hover = this.page.locator('.monaco-hover:visible').first();
    let seen = '';
    try {
      return await until(async () => {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('Control+K');
        await this.page.keyboard.press('Control+I');
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
        // A hover first shows "Loading..." while providers answer; wait for it to settle.
        await until(async () => !/^\s*Loading\.\.\.\s*$/.test(await hover.innerText()), { timeout: 5_000, what: 'the hover to load' });
        seen = plain(await hover.innerText());
        return accept(seen) && seen;
      }, { timeout, interval: 500, what: 'the LEO Lens hover' });
    } catch (error) {
      throw new Error(`${error.message}; the last hover read ${JSON.stringify(seen.slice(0, 200))}`);
    }
  }

  /**
   * Presses Ctrl+Space at a position and collects the suggestion labels, scrolling through the list
   * so that long lists are read whole. Retries until every expected label is offered.
   */
  async completeUntil(at, expected, timeout) {
    let labels = [];
    try {
      return await until(async () => {
        await this.page.keyboard.press('Escape');
        await this.goTo(at);
        await this.page.keyboard.press('Control+Space');
        const rows = this.page.locator('.suggest-widget.visible .monaco-list-row');
        await rows.first().waitFor({ state: 'visible', timeout: 5_000 });
        labels = await this.suggestionLabels();
        if (!expected.every((label) => labels.includes(label))) return false;
        // Leave the list open at the top with the first expected entry selected, for the screenshot.
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('Control+Space');
        await rows.first().waitFor({ state: 'visible', timeout: 5_000 });
        return labels;
      }, { timeout, interval: 500, what: `suggestions ${expected.join(', ')}` });
    } catch (error) {
      throw new Error(`${error.message}; the last list offered ${labels.slice(0, 20).join(', ') || 'nothing'}`);
    }
  }

  /**
   * The labels of the suggestions that a language provider offered. Rows with the plain-text icon
   * are VS Code's own word-based suggestions (words found in the file), which it shows when no
   * provider answers, so they are left out: a column named in a comment must not pass for LEO Lens.
   */
  async suggestionLabels() {
    const seen = new Set();
    // The list is virtual: only the visible rows exist in the DOM, so page through it.
    for (let page = 0; page < 10; page += 1) {
      const before = seen.size;
      const rows = await this.page.locator('.suggest-widget.visible .monaco-list-row').evaluateAll((elements) => elements.map((row) => ({
        label: row.querySelector('.label-name')?.textContent ?? '',
        icon: row.querySelector('.suggest-icon')?.className ?? '',
      })));
      for (const row of rows) {
        if (!/codicon-symbol-text\b/.test(row.icon)) seen.add(plain(row.label).trim());
      }
      if (seen.size === before && page > 0) break;
      await this.page.keyboard.press('PageDown');
    }
    return [...seen];
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and waits until each code has a row. */
  async problemsUntil(codes, timeout) {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible' });
    }
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    let texts = [];
    try {
      await until(async () => {
        texts = (await rows.allInnerTexts()).map(plain);
        return codes.every((code) => texts.some((t) => t.includes(code)));
      }, { timeout, interval: 500, what: `problems ${codes.join(', ')}` });
    } catch (error) {
      throw new Error(`${error.message}; the panel showed ${texts.map((t) => t.replace(/\s+/g, ' ')).join(' | ') || 'nothing'}`);
    }
    return texts;
  }

  /**
   * Puts the cursor on a diagnostic, opens Quick Fix (Ctrl+.) and applies the matching action with
   * the keyboard: the arrow keys move through the menu and Enter applies, as a user does.
   */
  async quickFix(at, title, timeout) {
    const actions = this.page.locator('.action-widget .monaco-list-row.action');
    const wanted = actions.filter({ hasText: title }).first();
    await until(async () => {
      await this.page.keyboard.press('Escape');
      await this.goTo(at);
      await this.page.keyboard.press('Control+.');
      await wanted.waitFor({ state: 'visible', timeout: 3_000 });
      return true;
    }, { timeout, interval: 500, what: `a quick fix matching ${title}` });
    const label = plain((await wanted.getAttribute('aria-label')) ?? (await wanted.innerText())).trim();
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    await until(async () => {
      if (title.test((await focused.getAttribute('aria-label', { timeout: 1_000 })) ?? '')) return true;
      await this.page.keyboard.press('ArrowDown');
      return false;
    }, { timeout: 5_000, interval: 100, what: `the menu to focus ${title}` });
    await this.screenshot('quick-fix-menu');
    await this.docShot('quick-fix', ['.editor-group-container.active .title', '@lines', '.action-widget']).catch(() => undefined);
    await this.page.keyboard.press('Enter');
    return label;
  }

  /** Waits for the status bar entry that matches `pattern` and returns its text. */
  async statusItem(pattern, timeout) {
    const items = this.page.locator('.statusbar-item');
    let texts = [];
    try {
      return await until(async () => {
        texts = (await items.allInnerTexts()).map((t) => plain(t).trim()).filter(Boolean);
        return texts.find((t) => pattern.test(t));
      }, { timeout, what: `a status bar item matching ${pattern}` });
    } catch (error) {
      throw new Error(`${error.message}; the status bar read ${texts.join(' | ')}`);
    }
  }

  /** The language mode in the status bar, as the user sees it. */
  async languageMode(pattern, timeout) {
    const mode = this.page.locator('#status\\.editor\\.mode');
    return until(async () => {
      const text = plain(await mode.innerText()).trim();
      return pattern.test(text) && text;
    }, { timeout, what: `the language mode ${pattern}` });
  }

  /** Runs a command from the command palette (F1) by its title. */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Uses "Developer: Inspect Editor Tokens and Scopes" on a word and returns the TextMate scopes it
   * lists, which shows the grammar itself, not only a colour, decided the highlighting.
   */
  async inspectTokens(at, expectScope, timeout) {
    await this.goTo(at);
    await this.runCommand('Developer: Inspect Editor Tokens and Scopes');
    const widget = this.page.locator('.token-inspect-widget');
    await widget.waitFor({ state: 'visible', timeout });
    const text = await until(async () => {
      const t = plain(await widget.innerText());
      return expectScope.test(t) && t;
    }, { timeout, what: `a scope matching ${expectScope}` });
    await this.screenshot('stata-token-inspector');
    await this.docShot('stata-grammar', ['.editor-group-container.active .title', '@lines', '.token-inspect-widget']).catch(() => undefined);
    return [...new Set(text.match(/[\w.-]+\.stata\b/g))].join(' ');
  }

  /** Runs the report command and waits for an editor whose title and text match `expect`. */
  async runReportCommand(title, expect, timeout) {
    await this.runCommand(title);
    let last = '';
    try {
      return await until(async () => {
        const tab = (await this.page.locator('.tabs-container .tab.active').getAttribute('aria-label', { timeout: 1_000 })) ?? '';
        const body = await this.editorText().catch(() => '');
        last = `${tab}: ${body.slice(0, 200)}`;
        return expect.tab.test(tab) && expect.body.every((pattern) => pattern.test(body)) && tab.split(',')[0];
      }, { timeout, interval: 500, what: 'the report editor' });
    } catch (error) {
      throw new Error(`${error.message}; the active editor was ${JSON.stringify(last)}`);
    }
  }
}
