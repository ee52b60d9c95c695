#!/usr/bin/env node
// End-to-end tests of the web app in real Chromium, against a real
// `hulian serve` on a temporary data directory with the demo dataset.
//
// Builds nothing: it expects the built SPA in frontend/dist (`npm run build`)
// and the `hulian` binary at $HULIAN_BIN (default target/debug/hulian).
//
//   cd frontend && npm run build && npm run e2e
//
// Environment:
//   HULIAN_BIN       the hulian binary (default: <repo>/target/debug/hulian)
//   CHROMIUM_PATH    the browser (default: /usr/bin/chromium)
//   E2E_ONLY         run only the journeys whose name contains this text
//   E2E_KEEP_DATA=1  keep the temporary data directory
//
// Screenshots and the server log go to tests/e2e/artifacts/ (gitignored).
// Any browser console error fails the journey it happened in, unless the
// journey declared it expected (a deliberate 422, say).
// Prints "N passed, N failed" and exits non-zero on any failure.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const frontend = path.join(root, 'frontend');
const artifacts = path.join(here, 'artifacts');
const require = createRequire(path.join(frontend, 'package.json'));
const { chromium } = require('playwright-core');

const HULIAN_BIN = path.resolve(process.env.HULIAN_BIN ?? path.join(root, 'target/debug/hulian'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SPA_DIR = path.join(frontend, 'dist');
const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

// ---------------------------------------------------------------- harness

const journeys = [];
function journey(name, fn) {
  journeys.push({ name, fn });
}

class Check extends Error {}
function expect(condition, message) {
  if (!condition) throw new Check(message);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(base, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hulian serve exited with code ${child.exitCode} (see ${path.join(artifacts, 'server.log')})`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`hulian serve was not ready after ${timeoutMs / 1000}s`);
}

/** A browser context whose console errors are collected; `allow(re)` expects some. */
async function openContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, ...options });
  const errors = [];
  const allowed = [];
  context.on('page', (page) => watch(page));
  function watch(page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (allowed.some((re) => re.test(text))) return;
      errors.push(text);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  }
  const page = await context.newPage();
  return {
    context,
    page,
    errors,
    /** Expect console errors matching `re` until the returned function is called. */
    allow(re) {
      allowed.push(re);
      return () => allowed.splice(allowed.indexOf(re), 1);
    },
  };
}

async function shot(page, name) {
  await page.waitForTimeout(300); // let charts and transitions settle
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Picks an option of an Ant Design Select (or TreeSelect) labelled `label`. */
async function choose(page, label, option) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  if (await field.isEditable()) await field.fill(option); // searchable: narrow the list
  const dropdown = page.locator('.ant-select-dropdown:visible').last();
  await dropdown.getByTitle(option, { exact: true }).first().click();
  await page.keyboard.press('Escape');
}

// A token that makes the test's listing findable among the demo data.
const TOKENS = '鲲鹏麒麟凤凰锦鲤琥珀翡翠';
const token = Array.from({ length: 4 }, () => TOKENS[Math.floor(Math.random() * TOKENS.length)]).join('');
const shared = { listingId: null, listingTitle: `${token}智能装备制造基地建设项目`, listingTitleEn: `Smart equipment manufacturing base (${token})`, orgName: `${token}智能装备有限公司` };

// ---------------------------------------------------------------- journeys

journey('visitor: the home page shows figures, charts and what is new, in Chinese', async ({ browser, base }) => {
  const { page, errors, context } = await openContext(browser);
  await page.goto(`${base}/`);
  await page.getByRole('heading', { level: 1, name: '上海—大连对口合作对接平台' }).waitFor();
  expect((await page.getAttribute('html', 'lang')) === 'zh-CN', 'html lang is zh-CN');
  await page.getByRole('heading', { name: '按产业分布' }).waitFor();
  await page.locator('[role="img"][aria-label^="按产业分布"] svg').first().waitFor({ timeout: 20_000 });
  await page.locator('[role="img"][aria-label^="按地区分布"] svg').first().waitFor();
  const cards = await page.getByTestId('listing-card').count();
  expect(cards === 6, `six new listings on the home page, saw ${cards}`);
  // the skip link is the first thing the keyboard reaches
  await page.keyboard.press('Tab');
  expect((await page.evaluate(() => document.activeElement?.textContent)) === '跳到正文', 'Tab first reaches the skip link');
  await shot(page, 'home');
  await context.close();
  return errors;
});

journey('member: sign up, create an organization, post a listing, find it, act on its matches, switch language, sign out', async ({ browser, base }) => {
  const { page, errors, context, allow } = await openContext(browser);
  const email = `member-${Date.now()}@example.com`;

  // sign up
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: '注册' }).click();
  await page.getByLabel('姓名或称呼').fill('测试用户');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码', { exact: true }).fill('member-password-1');
  await page.getByLabel('确认密码').fill('member-password-1');
  await page.getByRole('button', { name: '注册' }).click();
  await page.getByRole('heading', { level: 1, name: '我的工作台' }).waitFor();
  await shot(page, 'workspace-empty');

  // create an organization
  await page.getByRole('link', { name: '创建机构' }).first().click();
  await page.getByRole('heading', { level: 1, name: '创建机构' }).waitFor();
  await page.getByLabel('机构名称').fill(shared.orgName);
  await choose(page, '机构类型', '企业');
  await choose(page, '所在地区', '大连');
  await choose(page, '产业（1–5 个）', '装备制造');
  await page.getByLabel('简介（中文）').fill('大连的装备制造企业，生产港口起重机械和智能物流装备。');
  await page.getByRole('button', { name: '保存机构' }).click();
  await page.getByTestId('org-name').filter({ hasText: shared.orgName }).waitFor();
  await page.getByText('未认证').first().waitFor();
  await shot(page, 'organization');

  // post a listing (a Dalian equipment project of 2–5亿, which the demo data has Shanghai partners for),
  // first with the amounts the wrong way round: the API's error shows at the field
  await page.getByRole('link', { name: '为该机构发布合作信息' }).click();
  await page.getByRole('heading', { level: 1, name: '发布合作信息' }).waitFor();
  await choose(page, '类型', '招商项目');
  await page.getByLabel('标题（中文）').fill(shared.listingTitle);
  await page.getByLabel('详细介绍（中文）').fill(`项目位于大连金普新区，拟建设智能装备制造基地（${token}），生产港口起重机和自动化物流装备，诚邀上海的产业基金、园区和战略投资者以股权投资方式合作。`);
  await choose(page, '产业（1–5 个）', '装备制造');
  await choose(page, '项目、园区或基地所在地区', '大连');
  await page.getByLabel('金额下限').fill('50000');
  await page.getByLabel('金额上限').fill('20000');
  const stopAllowing = allow(/status of 422/);
  await page.getByRole('button', { name: '保存并发布' }).click();
  const fieldError = page.locator('.ant-form-item-has-error').filter({ has: page.getByLabel('金额下限') });
  await fieldError.getByText('超出允许范围').waitFor();
  stopAllowing();
  await page.getByLabel('金额下限').fill('20000');
  await page.getByLabel('金额上限').fill('50000');
  await page.getByRole('button', { name: '保存并发布' }).click();

  // see it on its page
  await page.getByTestId('listing-title').filter({ hasText: shared.listingTitle }).waitFor();
  shared.listingId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  expect(shared.listingId && shared.listingId !== 'new', `listing page URL has the id (${page.url()})`);
  await page.locator('.ant-descriptions').getByText('2–5亿元').waitFor();
  await page.getByRole('link', { name: shared.orgName }).first().waitFor();
  await shot(page, 'listing');

  // edit it: add an English title
  await page.getByRole('link', { name: '编辑' }).click();
  await page.getByRole('heading', { level: 1, name: '编辑合作信息' }).waitFor();
  expect((await page.getByLabel('标题（中文）').inputValue()) === shared.listingTitle, 'the edit form is filled in');
  await page.getByLabel('标题（英文）').fill(shared.listingTitleEn);
  await page.getByRole('button', { name: '保存并发布' }).click();
  await page.getByText(shared.listingTitleEn).waitFor();
  await page.locator('.ant-descriptions').getByText('2–5亿元').waitFor();

  // find it through the Search page with a Chinese term of its title
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '找项目' }).click();
  await page.getByRole('heading', { level: 1, name: '找项目' }).waitFor();
  await page.getByLabel('关键词').fill(token);
  await page.getByLabel('关键词').press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === token);
  const result = page.getByTestId('listing-card').filter({ hasText: shared.listingTitle });
  await result.waitFor();
  expect((await result.locator('mark').first().textContent())?.length > 0, 'the query is highlighted in the result');
  await shot(page, 'search');
  // the URL keeps the state: a reload shows the same search
  await page.reload();
  await page.getByTestId('listing-card').filter({ hasText: shared.listingTitle }).waitFor();
  expect((await page.getByLabel('关键词').inputValue()) === token, 'the query box keeps the query after a reload');

  // open it, and its matches: Shanghai partners, each with its reasons and factors
  await result.getByRole('link').first().click();
  await page.getByTestId('listing-title').filter({ hasText: shared.listingTitle }).waitFor();
  const matchesPanel = page.locator('#matches');
  await matchesPanel.getByRole('heading', { name: '推荐对接' }).waitFor();
  const matchCards = matchesPanel.getByTestId('match');
  await matchCards.first().waitFor({ timeout: 30_000 });
  const matchCount = await matchCards.count();
  expect(matchCount >= 2, `at least two matches to act on, saw ${matchCount}`);
  const firstReasons = await matchCards.first().getByTestId('match-reasons').locator('li').allTextContents();
  expect(firstReasons.length > 0 && firstReasons.every((r) => r.trim().length > 0), `the best match says why (${JSON.stringify(firstReasons)})`);
  expect((await matchCards.first().getByTestId('match-factor').count()) > 0, 'the best match shows its factors');
  const matchTexts = await matchCards.allTextContents();
  expect(matchTexts.some((text) => text.includes('上海')), 'a Shanghai partner is suggested');
  await shot(page, 'listing-matches');

  // shortlist the best match, dismiss the next one
  const shortlistedId = await matchCards.nth(0).getAttribute('data-candidate');
  const dismissedId = await matchCards.nth(1).getAttribute('data-candidate');
  expect(shortlistedId && dismissedId && shortlistedId !== dismissedId, 'the matches name their listings');
  const shortlistedCard = matchesPanel.locator(`[data-candidate="${shortlistedId}"]`);
  const dismissedCard = matchesPanel.locator(`[data-candidate="${dismissedId}"]`);
  await shortlistedCard.getByRole('button', { name: '加入候选' }).click();
  await shortlistedCard.getByTestId('match-shortlisted').waitFor();
  await shortlistedCard.getByRole('button', { name: '移出候选' }).waitFor();
  await dismissedCard.getByRole('button', { name: '不感兴趣' }).click();
  await dismissedCard.waitFor({ state: 'detached' });
  // a reload asks the API again: the dismissed one is gone, the shortlisted one tagged
  await page.reload();
  await page.getByTestId('listing-title').filter({ hasText: shared.listingTitle }).waitFor();
  await shortlistedCard.getByTestId('match-shortlisted').waitFor({ timeout: 30_000 });
  expect((await dismissedCard.count()) === 0, `the dismissed match (${dismissedId}) is not suggested again`);
  await shot(page, 'listing-matches-decided');

  // switch language
  await page.getByTestId('language-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Search' }).waitFor();
  await page.getByTestId('listing-title').filter({ hasText: shared.listingTitleEn }).waitFor();
  await page.getByRole('heading', { name: 'Description' }).waitFor();
  await page.getByText('CNY 200–500 million').first().waitFor();
  await page.getByText('investment project').first().waitFor();
  // the matches speak English too
  await matchesPanel.getByRole('heading', { name: 'Suggested matches' }).waitFor();
  await shortlistedCard.getByTestId('match-shortlisted').filter({ hasText: 'Shortlisted' }).waitFor();
  const englishReasons = await matchCards.first().getByTestId('match-reasons').locator('li').allTextContents();
  expect(englishReasons.some((r) => /[A-Za-z]{3}/.test(r)), `the reasons are in English (${JSON.stringify(englishReasons)})`);
  await shot(page, 'listing-en');

  // the workspace lists it, in English now
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My workspace' }).click();
  await page.getByRole('heading', { level: 1, name: 'My workspace' }).waitFor();
  await page.getByRole('link', { name: shared.listingTitleEn }).waitFor();
  await shot(page, 'workspace');
  // its recommendations: for the listing, without the dismissed one, the shortlisted one tagged
  await page.getByRole('tab', { name: 'Suggested matches' }).click();
  const recommendations = page.getByTestId('recommendations');
  await recommendations.getByRole('heading', { name: shared.orgName }).waitFor();
  const recommended = recommendations.locator(`[data-candidate="${shortlistedId}"]`);
  await recommended.getByTestId('match-shortlisted').waitFor({ timeout: 30_000 });
  await recommended.getByRole('link', { name: shared.listingTitleEn }).waitFor();
  expect((await recommendations.locator(`[data-candidate="${dismissedId}"]`).count()) === 0, 'the dismissed match is not recommended either');
  await shot(page, 'workspace-matches');

  // sign out, from the keyboard: the account menu opens with Enter and is walked with the arrow keys
  await page.getByTestId('account-menu').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');
  const focused = () => page.evaluate(() => `${document.activeElement?.getAttribute('role')}:${document.activeElement?.textContent}`);
  const walk = [await focused()];
  for (let i = 0; i < 4 && walk.at(-1) !== 'menuitem:Sign out'; i++) {
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(50);
    walk.push(await focused());
  }
  expect(walk.at(-1) === 'menuitem:Sign out', `the arrow keys reach “Sign out” (focus went ${walk.join(' → ')})`);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  const stored = await page.evaluate(() => localStorage.getItem('hulian.session'));
  expect(stored === null, 'the session is gone after signing out');
  await context.close();
  return errors;
});

journey('admin: verify an organization, import a file with a bad line and see the line error, users', async ({ browser, base }) => {
  const { page, errors, context, allow } = await openContext(browser);
  await page.goto(`${base}/admin`);
  // sent to sign in first
  await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
  await page.getByLabel('邮箱').fill(ADMIN.email);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { level: 1, name: '管理后台' }).waitFor();

  // verify the first unverified organization
  const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
  await firstRow.waitFor();
  const link = firstRow.getByRole('link');
  const orgName = (await link.textContent())?.trim();
  const orgId = decodeURIComponent((await link.getAttribute('href')).split('/').pop());
  await firstRow.getByRole('button', { name: /^认证/ }).click();
  await page.getByText(`已认证：${orgName}`).waitFor();
  const org = await (await fetch(`${base}/api/v1/organizations/${encodeURIComponent(orgId)}`)).json();
  expect(org.verified === true, `${orgId} is verified in the API`);
  await shot(page, 'admin-verify');
  // the badge shows on its page
  await page.goto(`${base}/organizations/${encodeURIComponent(orgId)}`);
  await page.getByTestId('org-name').waitFor();
  await page.locator('.verified-badge').first().waitFor();

  // import: one bad line out of three; nothing imported, every bad line listed
  await page.goto(`${base}/admin/import`);
  const lines = [
    { kind: 'organization', external_id: 'e2e-org-1', name: '端到端测试机构', org_type: 'agency', region: 'shanghai', sectors: ['finance'], description: '测试' },
    { kind: 'listing', external_id: 'e2e-lst-1', organization: 'e2e-org-1', listing_type: 'need', title: '端到端测试需求', description: '测试', sectors: ['finance'], region: 'shanghai' },
    { kind: 'listing', external_id: 'e2e-lst-2', organization: 'e2e-org-1', listing_type: 'wish', title: '坏的一行', description: '测试', sectors: ['finance'], region: 'shanghai' },
  ];
  await page.getByLabel('或者直接粘贴内容').fill(lines.map((l) => JSON.stringify(l)).join('\n'));
  const stopAllowing = allow(/status of 422/);
  await page.getByTestId('import-submit').click();
  await page.getByText('1 行无效，未导入任何数据。').waitFor();
  const errorRow = page.getByTestId('import-errors').locator('tr.ant-table-row').first();
  expect((await errorRow.locator('td').first().textContent()) === '3', 'the error names line 3');
  expect((await errorRow.textContent()).includes('listing_type'), 'the error names the field listing_type');
  stopAllowing();
  await shot(page, 'admin-import-error');
  const missing = await fetch(`${base}/api/v1/organizations/e2e-org-1`);
  expect(missing.status === 404, 'nothing was imported');

  // users and roles
  await page.getByRole('tab', { name: '用户与角色' }).click();
  await page.getByRole('cell', { name: ADMIN.email }).waitFor();
  await page.getByRole('cell', { name: '测试用户' }).first().waitFor();
  await shot(page, 'admin-users');
  await context.close();
  return errors;
});

journey('deep links survive a refresh', async ({ browser, base }) => {
  const { page, errors, context } = await openContext(browser);
  expect(shared.listingId, 'a listing was posted by an earlier journey');
  await page.goto(`${base}/listings/${encodeURIComponent(shared.listingId)}`);
  await page.getByTestId('listing-title').filter({ hasText: shared.listingTitle }).waitFor();
  await page.reload();
  await page.getByTestId('listing-title').filter({ hasText: shared.listingTitle }).waitFor();
  // a filtered search from its URL alone
  await page.goto(`${base}/search?sector=port_logistics&region=dalian`);
  await page.getByRole('checkbox', { name: /港航物流/ }).waitFor();
  expect(await page.getByRole('checkbox', { name: /港航物流/ }).isChecked(), 'the sector filter comes from the URL');
  expect(await page.getByRole('checkbox', { name: /^大连/ }).first().isChecked(), 'the region filter comes from the URL');
  await page.getByTestId('listing-card').first().waitFor();
  // an unknown path is the app's own 404 page, an unknown API path a JSON 404
  await page.goto(`${base}/no/such/page`);
  await page.getByRole('heading', { name: '页面不存在' }).waitFor();
  const api404 = await fetch(`${base}/api/v1/nothing-here`);
  expect(api404.status === 404 && (await api404.json()).error.code === 'route_not_found', 'API paths are not answered with the SPA');
  // the API documentation page
  await page.goto(`${base}/api-docs`);
  await page.getByRole('cell', { name: '/api/v1/listings' }).first().waitFor();
  await shot(page, 'api-docs');
  await context.close();
  return errors;
});

journey('phone width (390px): home and a listing are usable', async ({ browser, base }) => {
  const { page, errors, context } = await openContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`${base}/`);
  await page.getByRole('heading', { level: 1, name: '上海—大连对口合作对接平台' }).waitFor();
  await page.getByTestId('listing-card').first().waitFor();
  await page.locator('[role="img"][aria-label^="按产业分布"] svg').first().waitFor({ timeout: 20_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 1, `no horizontal scrolling on the home page (overflow ${overflow}px)`);
  await shot(page, 'home-phone');
  // the navigation lives in a drawer
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.locator('.ant-drawer').getByRole('link', { name: '找项目' }).click();
  await page.getByRole('heading', { level: 1, name: '找项目' }).waitFor();
  await page.goto(`${base}/listings/${encodeURIComponent(shared.listingId)}`);
  await page.getByTestId('listing-title').waitFor();
  const listingOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(listingOverflow <= 1, `no horizontal scrolling on a listing (overflow ${listingOverflow}px)`);
  await shot(page, 'listing-phone');
  await context.close();
  return errors;
});

// ---------------------------------------------------------------- from match to landed project

/** A JSON call to the API (setting up what a journey is not about). */
async function call(base, method, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return json;
}

async function register(base, who) {
  const email = `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = `${who}-password-1`;
  const auth = await call(base, 'POST', '/api/v1/auth/register', { email, password, display_name: who });
  return { email, password, token: auth.access_token, id: auth.user.id };
}

async function signInUi(page, base, { email, password }, next = '/workspace') {
  await page.goto(`${base}/signin?next=${encodeURIComponent(next)}`);
  await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

const pipeline = {
  tag: `${token}${Math.floor(Math.random() * 1000)}`,
  cooperationId: null,
  cooperationTitle: null,
  contactA: { name: '沪方联系人', email: `a-contact-${Date.now()}@example.com`, phone: '021-5555-0101' },
  contactB: { name: '连方联系人', email: `b-contact-${Date.now()}@example.com`, phone: '0411-5555-0202' },
};

journey('introduction: A expresses interest, B accepts from the inbox, both see contacts, the cooperation moves to 洽谈 then 签约', async ({ browser, base }) => {
  // Setting up: B (Dalian) owns a published project; A (Shanghai) has a fund. Through the API: not what this is about.
  const b = await register(base, 'dalian-owner');
  const a = await register(base, 'shanghai-fund');
  pipeline.b = b;
  const bOrg = await call(base, 'POST', '/api/v1/organizations', {
    external_id: `e2e-b-org-${Date.now()}`, name: `${pipeline.tag}大连港口装备有限公司`, org_type: 'enterprise', region: 'dalian', sectors: ['equipment'],
    description: '大连的港口装备企业。', contact: pipeline.contactB,
  }, b.token);
  pipeline.bOrg = bOrg;
  const aOrg = await call(base, 'POST', '/api/v1/organizations', {
    external_id: `e2e-a-org-${Date.now()}`, name: `${pipeline.tag}上海高端装备基金`, org_type: 'fund', region: 'shanghai', sectors: ['equipment'],
    description: '上海的产业投资基金。', contact: pipeline.contactA,
  }, a.token);
  const listingTitle = `${pipeline.tag}自动化码头起重机项目`;
  const bListing = await call(base, 'POST', '/api/v1/listings', {
    external_id: `e2e-b-lst-${Date.now()}`, organization: bOrg.external_id, listing_type: 'project', title: listingTitle,
    description: '建设自动化码头起重机生产线，寻求上海的产业基金股权投资。', sectors: ['equipment'], region: 'dalian',
    amount_cny_min: 100_000_000, amount_cny_max: 300_000_000, status: 'published',
  }, b.token);
  pipeline.bListing = bListing;
  // Let the server's alerts follower (a pass every second) deal with the new listing first: on SQLite a
  // write racing with its pass can fail with "database is locked" (a 500, reported to the API's owners).
  await new Promise((resolve) => setTimeout(resolve, 2500));

  const A = await openContext(browser);
  const B = await openContext(browser);
  try {

  // A: from the listing's page, express interest
  await signInUi(A.page, base, a);
  await A.page.goto(`${base}/listings/${encodeURIComponent(bListing.external_id)}`);
  await A.page.getByTestId('listing-title').filter({ hasText: listingTitle }).waitFor();
  const pageActions = A.page.locator('.listing-page__actions');
  await pageActions.getByTestId('express-interest').click();
  const modal = A.page.locator('.ant-modal:visible');
  await modal.getByText(aOrg.name).waitFor();
  const message = `${pipeline.tag}：我们是上海的高端装备基金，希望以股权投资方式参与贵方项目。`;
  await modal.getByLabel('留言').fill(message);
  await modal.getByRole('button', { name: '发送' }).click();
  await A.page.waitForURL((url) => url.pathname.startsWith('/introductions/'));
  const introductionId = decodeURIComponent(new URL(A.page.url()).pathname.split('/').pop());
  await A.page.getByTestId('intro-title').waitFor();
  await A.page.locator('[data-testid="intro-status"][data-status="pending"]').first().waitFor();
  await A.page.getByTestId('contact-hidden').waitFor();
  expect((await A.page.getByTestId('contact-card').count()) === 0, 'no contact before acceptance');
  await shot(A.page, 'introduction-pending');

  // asking again is a 409, said in Chinese in the modal
  await A.page.goto(`${base}/listings/${encodeURIComponent(bListing.external_id)}`);
  await pageActions.getByTestId('express-interest').click();
  // The organization is chosen once the member's organizations have loaded;
  // sending before that is a form error, not the 409 this step is about.
  await modal.getByText(aOrg.name).waitFor();
  await modal.getByLabel('留言').fill('再问一次');
  const stopAllowing = A.allow(/status of 409/);
  await modal.getByRole('button', { name: '发送' }).click();
  await modal.getByTestId('intro-form-error').getByText('你们之间已经有一个进行中或已达成的对接。').waitFor();
  stopAllowing();
  await modal.getByRole('button', { name: '取消' }).click();

  // B: the inbox badge, the inbox item, the introduction, accept with a note
  await signInUi(B.page, base, b);
  const badge = B.page.getByTestId('inbox-link');
  await B.page.waitForFunction(() => Number(document.querySelector('[data-testid="inbox-link"]')?.getAttribute('data-unread')) >= 1, null, { timeout: 15_000 });
  await badge.click();
  await B.page.getByRole('heading', { level: 1, name: '消息' }).waitFor();
  const item = B.page.locator('[data-testid="inbox-item"][data-event="introduction.requested"]').first();
  await item.waitFor();
  expect((await item.textContent()).includes(aOrg.name), 'the inbox item names who asked');
  await shot(B.page, 'inbox');
  await item.getByRole('link').click();
  await B.page.waitForURL((url) => url.pathname === `/introductions/${introductionId}`);
  await B.page.getByTestId('intro-message-text').getByText(message).waitFor();
  await B.page.getByTestId('intro-accept').click();
  await B.page.getByLabel('给对方的备注（选填）').fill('欢迎来大连考察。');
  await B.page.locator('#intro-answer-ok').click();
  await B.page.locator('.ant-space [data-testid="intro-status"][data-status="accepted"]').first().waitFor();
  // B sees A's contact, with the note that the reveal is recorded
  const bSees = B.page.getByTestId('contact-card');
  await bSees.getByText(pipeline.contactA.email).waitFor();
  await bSees.getByText('每次查看都会记录在审计日志中', { exact: false }).waitFor();
  await shot(B.page, 'introduction-accepted');

  // A: sees B's contact now, and the cooperation it became
  await A.page.goto(`${base}/introductions/${encodeURIComponent(introductionId)}`);
  await A.page.getByTestId('contact-card').getByText(pipeline.contactB.email).waitFor();
  await A.page.getByTestId('contact-card').getByText(pipeline.contactB.phone).waitFor();
  await A.page.getByTestId('intro-response-note').getByText('欢迎来大连考察。').waitFor();
  await A.page.getByTestId('intro-cooperation').click();
  await A.page.waitForURL((url) => url.pathname.startsWith('/cooperations/'));
  pipeline.cooperationId = decodeURIComponent(new URL(A.page.url()).pathname.split('/').pop());
  pipeline.cooperationTitle = (await A.page.getByTestId('coop-title').textContent())?.trim();
  await A.page.locator('[data-testid="stage-tag"][data-stage="interest"]').first().waitFor();
  expect((await A.page.getByTestId('timeline-entry').count()) === 1, 'the timeline starts with one entry');

  // move to 洽谈
  await choose(A.page, '新阶段', '洽谈');
  await A.page.getByLabel('说明').fill('双方已开始商务洽谈。');
  await A.page.getByTestId('stage-submit').click();
  await A.page.locator('[data-testid="timeline-entry"][data-stage="negotiation"]').waitFor();
  await A.page.locator('.ant-space [data-testid="stage-tag"][data-stage="negotiation"]').first().waitFor();

  // to 签约: the amount is required, then given in 万元
  await choose(A.page, '新阶段', '签约');
  await A.page.getByTestId('stage-submit').click();
  await A.page.getByText('进入签约及以后阶段时，请填写签约金额。').waitFor();
  await A.page.getByLabel('签约金额（万元）').fill('20000');
  await A.page.getByLabel('说明').fill('签订投资协议。');
  await A.page.getByTestId('stage-submit').click();
  const signed = A.page.locator('[data-testid="timeline-entry"][data-stage="signed"]');
  await signed.waitFor();
  await signed.getByText('签约金额：2亿元').waitFor();
  await signed.getByText('签订投资协议。').waitFor();
  await A.page.getByTestId('coop-amount').getByText('2亿元').waitFor();
  expect((await A.page.getByTestId('timeline-entry').count()) === 3, 'three entries: accepted, 洽谈, 签约');
  await shot(A.page, 'cooperation-signed');

  // B: told of the progress; the cooperation is in B's list too
  await B.page.goto(`${base}/inbox`);
  await B.page.locator('[data-testid="inbox-item"][data-event="cooperation.stage_changed"]').first().waitFor();
  await B.page.getByRole('button', { name: '全部标为已读' }).click();
  await B.page.waitForFunction(() => document.querySelector('[data-testid="inbox-link"]')?.getAttribute('data-unread') === '0');
  await B.page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '合作项目' }).click();
  await B.page.getByTestId('cooperations').getByRole('link', { name: pipeline.cooperationTitle }).waitFor();
  } catch (error) {
    await A.page.screenshot({ path: path.join(artifacts, 'failed-introduction-A.png'), fullPage: true }).catch(() => {});
    await B.page.screenshot({ path: path.join(artifacts, 'failed-introduction-B.png'), fullPage: true }).catch(() => {});
    throw error;
  }

  await A.context.close();
  await B.context.close();
  return [...A.errors, ...B.errors];
});

journey('promoter: brokers an introduction from a match, the reports show the signed cooperation, the CSV downloads; admin: the audit log shows the contact reveals', async ({ browser, base }) => {
  expect(pipeline.cooperationId, 'a cooperation was signed by the introduction journey');
  const promoter = await register(base, 'promoter');
  const admin = await call(base, 'POST', '/api/v1/auth/login', ADMIN);
  await call(base, 'PUT', `/api/v1/users/${promoter.id}/role`, { role: 'promoter' }, admin.access_token);

  const { page, errors, context } = await openContext(browser);
  await signInUi(page, base, promoter);
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '统计报表' }).click();
  await page.getByRole('heading', { level: 1, name: '统计报表' }).waitFor();
  const table = page.getByTestId('report-table');
  const signedRow = table.locator('tr.ant-table-row').filter({ has: page.getByRole('cell', { name: '签约', exact: true }) });
  await signedRow.waitFor();
  const signedCells = await signedRow.locator('td').allTextContents();
  expect(Number(signedCells[1]) >= 1, `the 签约 row counts the cooperation (${signedCells.join(' | ')})`);
  expect(signedCells.some((c) => c.includes('亿元') || c.includes('万元')), `the 签约 row has an amount (${signedCells.join(' | ')})`);
  await page.getByTestId('report-total').waitFor();
  await page.locator('[role="img"][aria-label^="阶段"] svg').first().waitFor({ timeout: 20_000 });
  await shot(page, 'reports');

  // a promoter brokers an introduction from a listing's matches
  await page.goto(`${base}/listings/${encodeURIComponent(pipeline.bListing.external_id)}`);
  const firstMatch = page.locator('#matches').getByTestId('match').first();
  await firstMatch.waitFor({ timeout: 30_000 });
  await firstMatch.getByTestId('broker').click();
  const brokerModal = page.locator('.ant-modal:visible');
  await brokerModal.getByText(pipeline.bListing.title).waitFor();
  await brokerModal.getByLabel('留言').fill('两个项目在产业和地区上都对口，建议双方洽谈。');
  await brokerModal.getByRole('button', { name: '发送' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/introductions/'));
  await page.getByText('招商撮合').first().waitFor();
  await page.getByText('撮合人：promoter').waitFor();
  await page.goto(`${base}/reports`);
  await signedRow.waitFor();

  // the CSV, fetched with the token and saved
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
  const file = path.join(artifacts, 'report.csv');
  await download.saveAs(file);
  const csv = (await import('node:fs')).readFileSync(file, 'utf8');
  expect(csv.split('\n').length >= 2 && /signed|签约/.test(csv), `the CSV has a header and the signed row:\n${csv.slice(0, 300)}`);

  // grouped by sector: another table, English names after switching language
  await page.goto(`${base}/reports?group_by=sector,stage`);
  await table.locator('tr.ant-table-row').first().waitFor();
  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await table.getByRole('cell', { name: 'Signed', exact: true }).first().waitFor();

  // a promoter flags it a key project
  await page.goto(`${base}/cooperations/${encodeURIComponent(pipeline.cooperationId)}`);
  await page.getByTestId('key-project-switch').click();
  await page.getByTestId('key-project-tag').waitFor();
  await page.locator('[data-testid="timeline-entry"][data-kind="key_project"]').waitFor();
  // and finds it among the key projects, from the URL alone
  await page.goto(`${base}/cooperations?key_project=true&stage=signed`);
  await page.getByTestId('cooperations').getByRole('link', { name: pipeline.cooperationTitle }).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Key projects only' }).isChecked(), 'the key-project filter comes from the URL');
  await context.close();

  // the administrator's audit log: both contact reveals are there
  const adminCtx = await openContext(browser);
  await signInUi(adminCtx.page, base, ADMIN, '/audit');
  await adminCtx.page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
  await choose(adminCtx.page, '操作', '查看联系方式');
  await adminCtx.page.getByTestId('audit-log').locator('tr.ant-table-row').first().waitFor();
  const reveals = await adminCtx.page.getByTestId('audit-log').locator('tr.ant-table-row').count();
  expect(reveals >= 2, `contact reveals are audited (saw ${reveals})`);
  await shot(adminCtx.page, 'audit');
  await adminCtx.context.close();
  return [...errors, ...adminCtx.errors];
});

journey('member: save a search and reopen it from the workspace, list introductions, manage a webhook', async ({ browser, base }) => {
  expect(pipeline.b && pipeline.bOrg, 'the introduction journey set up a member with an organization');
  const { page, errors, context } = await openContext(browser);
  await signInUi(page, base, pipeline.b, '/search');
  // save a filtered search
  await page.goto(`${base}/search?q=${encodeURIComponent('起重机')}&region=dalian`);
  await page.getByTestId('listing-card').first().waitFor();
  await page.getByTestId('save-search').click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByLabel('名称').fill('大连起重机');
  await modal.getByRole('button', { name: '保存' }).click();
  await page.getByText('已订阅。', { exact: false }).waitFor();
  // the workspace lists it; its link reopens the same search
  await page.goto(`${base}/workspace?tab=searches`);
  const saved = page.getByTestId('saved-searches');
  await saved.getByRole('cell', { name: '大连起重机', exact: true }).waitFor();
  await saved.getByText('“起重机”').waitFor();
  await shot(page, 'saved-searches');
  await saved.getByRole('link', { name: '大连起重机' }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '起重机' && url.searchParams.get('region') === 'dalian');
  expect((await page.getByLabel('关键词').inputValue()) === '起重机', 'the reopened search has its words');

  // the introductions page: the accepted one under "all"
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '对接' }).click();
  await page.getByRole('heading', { level: 1, name: '对接' }).waitFor();
  await page.getByRole('tab', { name: '全部' }).click();
  await page.getByTestId('introductions-all').locator('[data-testid="intro-status"][data-status="accepted"]').first().waitFor();

  // webhooks of my organization: create (the secret shown once), see its deliveries, delete
  await page.goto(`${base}/organizations/${encodeURIComponent(pipeline.bOrg.external_id)}`);
  const hooks = page.getByTestId('webhooks');
  await hooks.getByRole('heading', { name: 'Webhook 推送' }).waitFor();
  await hooks.getByRole('button', { name: '新建 Webhook' }).click();
  await modal.getByLabel('接收地址（URL）').fill('https://receiver.example.com/hulian');
  await modal.getByRole('button', { name: '创建' }).click();
  await hooks.getByTestId('webhook-secret').getByText(/^whsec_/).waitFor();
  await hooks.getByText('https://receiver.example.com/hulian').waitFor();
  await hooks.getByRole('button', { name: '推送记录' }).click();
  await hooks.locator('.ant-table-expanded-row').waitFor();
  await shot(page, 'webhooks');
  await hooks.getByRole('button', { name: '删除' }).click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '删除' }).click();
  await hooks.getByText('还没有 Webhook。').waitFor();
  await context.close();
  return errors;
});

// ---------------------------------------------------------------- main

async function main() {
  mkdirSync(artifacts, { recursive: true });
  if (!existsSync(path.join(SPA_DIR, 'index.html'))) {
    console.error(`no built SPA in ${SPA_DIR}: run \`npm run build\` in frontend/ first`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  if (!existsSync(HULIAN_BIN)) {
    console.error(`no hulian binary at ${HULIAN_BIN}: build it (cargo build -p hulian-cli) or set HULIAN_BIN`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hulian-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = createWriteStream(path.join(artifacts, 'server.log'));
  const server = spawn(HULIAN_BIN, ['serve', '--data-dir', dataDir, '--addr', `127.0.0.1:${port}`, '--spa-dir', SPA_DIR, '--demo'], {
    cwd: root,
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'info', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  let browser;
  const results = [];
  try {
    await waitReady(base, server, 180_000);
    const admin = spawnSync(HULIAN_BIN, ['create-admin', '--data-dir', dataDir, '--email', ADMIN.email, '--password', ADMIN.password], { cwd: root, encoding: 'utf8' });
    if (admin.status !== 0) throw new Error(`create-admin failed: ${admin.stderr || admin.stdout}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    console.log(`hulian at ${base}, chromium ${browser.version()}, data in ${dataDir}`);
    const only = process.env.E2E_ONLY;
    for (const { name, fn } of journeys) {
      if (only && !name.includes(only)) continue;
      const started = Date.now();
      try {
        const consoleErrors = await withTimeout(fn({ browser, base }), 120_000, name);
        if (consoleErrors.length > 0) throw new Check(`browser console errors:\n    ${consoleErrors.join('\n    ')}`);
        results.push({ name, ok: true });
        console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (error) {
        results.push({ name, ok: false });
        console.log(`✗ ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)\n    ${error instanceof Check ? error.message : (error?.stack ?? error)}`);
      }
    }
  } catch (error) {
    console.error(`setup failed: ${error?.stack ?? error}`);
    results.push({ name: 'setup', ok: false });
  } finally {
    await browser?.close().catch(() => {});
    server.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        server.kill('SIGKILL');
        resolve();
      }, 5000);
      server.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (server.exitCode !== null) resolve();
    });
    if (process.env.E2E_KEEP_DATA !== '1') rmSync(dataDir, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  writeFileSync(path.join(artifacts, 'summary.json'), JSON.stringify({ results, passed, failed }, null, 2));
  console.log(`screenshots in ${path.relative(process.cwd(), artifacts) || artifacts}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Check(`${name}: timed out after ${ms / 1000}s`)), ms);
    }),
  ]);
}

process.exitCode = await main();
