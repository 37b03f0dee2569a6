import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../extension/capture/readCapture';
import { readOutlook } from '../../extension/capture/readOutlook';

const doc = (html: string) => parseHTML(`<!doctype html><html><head><title>Mail - Outlook</title></head><body>${html}</body></html>`).document as unknown as Document;

describe('Outlook reader, from independent hooks', () => {
  it('finds the sender outside the message wrapper and recipients written as bare addresses', () => {
    const mail = readOutlook(
      doc(`<div data-app-section="ConversationContainer">
        <div role="heading">Angebot 2026</div>
        <div class="header"><button aria-label="Von: Klaus Müller &lt;k.mueller@werk.example&gt;">Klaus Müller</button></div>
        <div aria-label="To: anna@sidecar.test; einkauf@werk.example" data-testid="RecipientWell">anna@sidecar.test; einkauf@werk.example</div>
        <div aria-label="Email message"><div role="document"><div>Anbei das Angebot.</div><div>Mit freundlichen Grüßen<br>Klaus Müller<br>Vertriebsleiter<br>Werk GmbH<br>Telefon: +49 30 1234567</div></div></div>
      </div>`),
    );
    expect(mail?.from).toEqual({ name: 'Klaus Müller', email: 'k.mueller@werk.example' });
    expect(mail?.subject).toBe('Angebot 2026');
    expect(mail?.bodyText).toContain('Vertriebsleiter');
    expect(mail?.participants.map((p) => p.email)).toEqual(expect.arrayContaining(['einkauf@werk.example']));
  });

  it('falls back to a persona whose title is the address', () => {
    const mail = readOutlook(doc(`<div data-app-section="ConversationContainer"><span title="li.na@kehu.example">李娜</span><div role="document">您好</div></div>`));
    expect(mail?.from).toEqual({ name: '李娜', email: 'li.na@kehu.example' });
  });

  it('says a webmail message could not be read instead of handing back an empty page', () => {
    const unreadable = doc('<div data-app-section="ConversationContainer"><div role="document">no sender anywhere</div></div>');
    expect(readOutlook(unreadable)).toBeNull();
    expect(readCapture(unreadable)).toMatchObject({ kind: 'page', unreadMail: true });
    // A selection is always read as such.
    expect(readCapture(unreadable, 'Jane Doe\nACME Ltd')).toMatchObject({ kind: 'page', unreadMail: false });
  });
});
