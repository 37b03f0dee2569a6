import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack } from './harness';

describe('signing in by email', () => {
  let stack: Stack;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchWithExtension(stack.extensionDir);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a new user creates a team with the code from the email file wrangler dev wrote', async () => {
    const panel = await browser.openSidePanel();
    const address = `founder-${Date.now()}@example.cn`;
    await panel.getByLabel('Work email').fill(address);
    await panel.getByRole('button', { name: 'Email me a code' }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toContain('a code is on its way');

    let mails: Awaited<ReturnType<Stack['mailTo']>> = [];
    await expect.poll(async () => (mails = await stack.mailTo(address)).length, { timeout: 30_000 }).toBe(1);
    const code = /\b(\d{6})\b/.exec(mails[0]!.text ?? '')![1]!;
    expect(mails[0]!.html).toContain(code);

    // A wrong code is refused in words; the right one says there is no account yet.
    await panel.getByLabel('Code from the email').fill(code === '000000' ? '111111' : '000000');
    await panel.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('wrong, expired or already used');
    await panel.getByLabel('Code from the email').fill(code);
    await panel.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('no account yet');
    await panel.getByLabel('Team name').fill('Founders 创始团队');
    await panel.getByLabel('Your name').fill('Ada 阿达');
    await panel.getByRole('button', { name: 'Create team and sign in' }).click();
    await expect.poll(() => panel.getByTestId('signed-in-as').textContent(), { timeout: 30_000 }).toContain('Ada 阿达');
    // A new team starts empty: nothing of the demo team is in it.
    await expect.poll(() => panel.getByTestId('deal-list').textContent(), { timeout: 30_000 }).not.toContain('云启');
  });

  it('an existing user signs in with a code and gets the team’s data', async () => {
    const second = await launchWithExtension(stack.extensionDir);
    try {
      const panel = await second.openSidePanel();
      const address = 'emma@sidecar.test';
      await panel.getByLabel('Work email').fill(address);
      await panel.getByRole('button', { name: 'Email me a code' }).click();
      let mails: Awaited<ReturnType<Stack['mailTo']>> = [];
      await expect.poll(async () => (mails = await stack.mailTo(address)).length, { timeout: 30_000 }).toBe(1);
      expect(mails[0]!.subject).toMatch(/^Your Sidecar sign-in code: \d{6}$/); // Emma's profile is English
      await panel.getByLabel('Code from the email').fill(/\b(\d{6})\b/.exec(mails[0]!.text ?? '')![1]!);
      await panel.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => panel.getByTestId('deal-list').textContent(), { timeout: 30_000 }).toContain('Northwind rollout');
      // The demo token still works beside the new device token, which is listed as a device.
      expect((await pullEverything(stack.apiUrl, stack.token(address))).length).toBeGreaterThan(0);
      const devices = async () =>
        ((await (await fetch(`${stack.apiUrl}/api/devices`, { headers: { authorization: `Bearer ${stack.token(address)}` } })).json()) as { devices: { label: string }[] }).devices.map((d) => d.label);
      expect(await devices()).toEqual(['demo', expect.stringMatching(/^Chrome on Linux$/)]);

      // Signing out revokes this device's token and returns the panel to sign-in.
      await panel.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => panel.getByRole('button', { name: 'Email me a code' }).count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(devices, { timeout: 30_000 }).toEqual(['demo']);
    } finally {
      await second.close();
    }
  });

  it('signs in by the link in the email: confirmed in a tab, the waiting panel signs in by itself', async () => {
    const third = await launchWithExtension(stack.extensionDir);
    try {
      const panel = await third.openSidePanel();
      const address = stack.logins.find((l) => l.role === 'manager')!.email;
      await panel.getByLabel('Work email').fill(address);
      await panel.getByRole('button', { name: 'Email me a code' }).click();
      let mails: Awaited<ReturnType<Stack['mailTo']>> = [];
      await expect.poll(async () => (mails = await stack.mailTo(address)).length, { timeout: 30_000 }).toBe(1);
      const link = /https?:\/\/\S+\/sign-in\/confirm\?\S+/.exec(mails[0]!.text ?? '')![0];
      const tab = await third.context.newPage();
      await tab.goto(link);
      await tab.getByRole('button', { name: 'Confirm sign-in' }).click();
      await expect.poll(() => tab.textContent('body')).toContain('Go back to the Sidecar side panel');
      await expect.poll(() => panel.getByTestId('signed-in-as').textContent(), { timeout: 30_000 }).toContain('Michael Chen');
    } finally {
      await third.close();
    }
  });
});
