import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack, submitToken } from './harness';

/** Signs in from the side panel with the code wrangler dev wrote to an .eml file. */
async function signInByEmail(panel: Page, stack: Stack, address: string, newTeam?: { teamName: string; userName: string }): Promise<void> {
  const before = (await stack.mailTo(address)).length; // an invitation may be there already
  await panel.getByLabel('Work email').fill(address);
  await panel.getByRole('button', { name: 'Email me a code' }).click();
  let mails: Awaited<ReturnType<Stack['mailTo']>> = [];
  await expect.poll(async () => (mails = await stack.mailTo(address)).length, { timeout: 30_000 }).toBeGreaterThan(before);
  await panel.getByLabel('Code from the email').fill(/\b(\d{6})\b/.exec(mails.at(-1)!.text ?? '')![1]!);
  await panel.getByRole('button', { name: 'Sign in' }).click();
  if (newTeam) {
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toContain('no account yet');
    await panel.getByLabel('Team name').fill(newTeam.teamName);
    await panel.getByLabel('Your name').fill(newTeam.userName);
    await panel.getByRole('button', { name: 'Create team and sign in' }).click();
  }
  await expect.poll(() => panel.getByTestId('signed-in-as').count(), { timeout: 30_000 }).toBe(1);
}

async function openDashboard(browser: ExtensionBrowser, screen: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`chrome-extension://${browser.extensionId}/dashboard.html#${screen}`);
  return page;
}

/** How many contacts the panel's contact list finds for a search. */
async function contactsMatching(panel: Page, query: string): Promise<number> {
  await panel.reload(); // opening the panel syncs
  await panel.getByRole('tab', { name: 'Contacts' }).click();
  await panel.getByTestId('search').fill(query);
  const list = panel.getByTestId('contact-list');
  await expect.poll(() => list.getAttribute('data-query')).toBe(query);
  return Number(await list.getAttribute('data-count'));
}

describe('teams that run themselves', () => {
  let stack: Stack;
  const browsers: ExtensionBrowser[] = [];
  const launch = async () => {
    const browser = await launchWithExtension(stack.extensionDir);
    browsers.push(browser);
    return browser;
  };
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stack?.stop();
  });

  it('a founder creates a team, invites a rep who signs in elsewhere, then disables them: the rep is signed out', async () => {
    const founder = await launch();
    const founderPanel = await founder.openSidePanel();
    const stamp = Date.now();
    await signInByEmail(founderPanel, stack, `founder-${stamp}@example.cn`, { teamName: 'Team 团队', userName: 'Founder 创始人' });

    const dashboard = await openDashboard(founder, 'team');
    const repAddress = `rep-${stamp}@example.cn`;
    await dashboard.getByLabel('Email address').fill(repAddress);
    await dashboard.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => dashboard.getByTestId('invites').textContent(), { timeout: 30_000 }).toContain(repAddress);
    // A bad address is refused on the form, in words, and nothing is sent.
    await dashboard.getByLabel('Email address').fill('not an email');
    await dashboard.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => dashboard.getByRole('alert').textContent()).toContain('not valid');

    const rep = await launch();
    const repPanel = await rep.openSidePanel();
    const invitation = await stack.mailTo(repAddress).then((m) => m[0]!);
    expect(invitation.text).toContain('Team 团队');
    await signInByEmail(repPanel, stack, repAddress);
    await expect.poll(() => repPanel.getByTestId('signed-in-as').textContent()).toContain('Rep');

    // The admin sees the new member (after a sync refreshes the team) and disables them.
    const row = dashboard.locator(`tr[data-member="${repAddress}"]`);
    await expect.poll(async () => (await dashboard.reload(), await row.count()), { timeout: 30_000 }).toBe(1);
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Disabled');

    // The rep's next sync is refused: the panel says it was signed out and offers sign-in again.
    await repPanel.reload();
    await expect.poll(() => repPanel.getByTestId('signed-out').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => repPanel.getByLabel('Work email').inputValue()).toBe(repAddress);
  });

  it('a manager hands one rep’s customer to another in the dashboard; both reps’ panels follow after sync', async () => {
    const lilei = stack.logins.find((l) => l.email.startsWith('lilei@'))!;
    const emma = stack.logins.find((l) => l.email.startsWith('emma@'))!;
    const manager = stack.logins.find((l) => l.role === 'manager')!;
    const contact = (await pullEverything(stack.apiUrl, lilei.token)).find((c) => c.entity === 'contact' && c.row.ownerId === lilei.userId && c.row.deletedAt === null)!;
    const name = String((contact.row as { name: string }).name);

    const [managerBrowser, lileiBrowser, emmaBrowser] = [await launch(), await launch(), await launch()];
    await submitToken(await managerBrowser.openSidePanel(), manager.token);
    const lileiPanel = await lileiBrowser.openSidePanel();
    await submitToken(lileiPanel, lilei.token);
    const emmaPanel = await emmaBrowser.openSidePanel();
    await submitToken(emmaPanel, emma.token);
    expect(await contactsMatching(lileiPanel, name)).toBe(1);
    expect(await contactsMatching(emmaPanel, name)).toBe(0);

    const dashboard = await openDashboard(managerBrowser, 'handover');
    await dashboard.locator('select[name="from"]').selectOption({ label: '李雷' });
    await dashboard.locator('select[name="to"]').selectOption({ label: 'Emma Wilson' });
    await dashboard.getByLabel('Chosen contacts').check();
    await dashboard.getByLabel('Filter contacts').fill(name);
    await dashboard.getByRole('checkbox', { name }).check();
    await dashboard.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => dashboard.getByTestId('handover-preview').textContent(), { timeout: 30_000 }).toMatch(/Will move: 0 companies, 1 contacts, \d+ deals/);
    await dashboard.getByRole('button', { name: 'Hand over' }).click();
    await expect.poll(() => dashboard.getByTestId('toast').textContent(), { timeout: 30_000 }).toContain('Moved 1 contacts');

    await expect.poll(() => contactsMatching(emmaPanel, name), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => contactsMatching(lileiPanel, name), { timeout: 60_000 }).toBe(0);

    // The handover is in the team's audit log, and in the contact's history.
    const audit = await openDashboard(managerBrowser, 'audit');
    await expect.poll(() => audit.getByTestId('audit-entries').textContent(), { timeout: 30_000 }).toContain('handed over the customers of');
  });

  it('撞单: a rep whose new lead hits a teammate’s customer asks for it; the owner declines with a reason the rep then reads', async () => {
    const lilei = stack.logins.find((l) => l.email.startsWith('lilei@'))!;
    const emma = stack.logins.find((l) => l.email.startsWith('emma@'))!;
    const theirs = (await pullEverything(stack.apiUrl, lilei.token)).find(
      (c) => c.entity === 'contact' && c.row.ownerId === lilei.userId && c.row.deletedAt === null && (c.row as { emails: string[] }).emails.length > 0,
    )!;
    const email = (theirs.row as { emails: string[] }).emails[0]!;

    const [emmaBrowser, lileiBrowser] = [await launch(), await launch()];
    const emmaPanel = await emmaBrowser.openSidePanel();
    await submitToken(emmaPanel, emma.token);
    emmaPanel.on('dialog', (dialog) => void dialog.accept('客户说想换人对接'));
    await emmaPanel.getByRole('button', { name: '+ New lead' }).click();
    await emmaPanel.getByLabel('Name *').fill('同一个客户');
    await emmaPanel.getByLabel('Email').fill(email);
    const ask = emmaPanel.getByRole('button', { name: 'Ask 李雷 for this customer' });
    await expect.poll(() => ask.count(), { timeout: 30_000 }).toBe(1);
    await ask.click();
    await expect.poll(() => emmaPanel.getByTestId('duplicates').textContent(), { timeout: 30_000 }).toContain('Asked 李雷 for this customer.');

    const lileiPanel = await lileiBrowser.openSidePanel();
    await submitToken(lileiPanel, lilei.token);
    lileiPanel.on('dialog', (dialog) => void dialog.accept('下周就签约了'));
    const claims = lileiPanel.getByTestId('claims');
    await expect.poll(async () => (await lileiPanel.reload(), await claims.count()), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => claims.textContent()).toContain('Emma Wilson asks for');
    await expect.poll(() => claims.textContent()).toContain('客户说想换人对接');
    await claims.getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => lileiPanel.getByTestId('toast').textContent(), { timeout: 30_000 }).toContain('Declined');

    // Emma's next sync brings the answer, reason included; the customer stays 李雷's.
    await expect.poll(async () => (await emmaPanel.reload(), await emmaPanel.getByTestId('claims').textContent().catch(() => '')), { timeout: 60_000 }).toContain('declined: 下周就签约了');
  });
});
