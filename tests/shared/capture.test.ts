import { describe, expect, it } from 'vitest';
import { cleanDisplayName, extractFromMail, extractFromPage, findPhones, stripQuotedText } from '../../shared/extract';
import { findSignatureBlock } from '../../shared/extract/signature';
import { extract, FIELDS, loadCorpus } from '../fixtures/capture/corpus';

const corpus = loadCorpus();
const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().toLowerCase() : v);

describe('capture corpus', () => {
  it('holds at least 60 varied fixtures', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((f) => f.id)).size).toBe(corpus.length);
    expect(corpus.filter((f) => f.input.kind === 'page').length).toBeGreaterThanOrEqual(15);
    expect(corpus.filter((f) => typeof f.input.bodyHtml === 'string').length).toBeGreaterThanOrEqual(5);
  });

  it.each(corpus.map((f) => [`${f.file} ${f.id}: ${f.description}`, f] as const))('%s', (_, fixture) => {
    const { lead } = extract(fixture);
    for (const field of FIELDS) {
      const want = fixture.expected[field];
      if (Array.isArray(want)) expect([...(lead[field] as string[])].sort(), field).toEqual([...want].sort());
      else expect(norm(lead[field]), field).toBe(norm(want));
    }
    if (fixture.expected.website !== undefined) expect(lead.website, 'website').toBe(fixture.expected.website);
    if (fixture.expected.address !== undefined) expect(norm(lead.address), 'address').toBe(norm(fixture.expected.address));
  });
});

describe('stripQuotedText', () => {
  it("keeps the sender's own text after and between quoted blocks (bottom-posted and inline replies)", () => {
    const text = 'On Mon, A <a@x.com> wrote:\n> Can you do Friday?\n\nYes, Friday works.\n\n> And the price?\n\nSame as last year.\n\nBob';
    expect(stripQuotedText(text)).toBe('Yes, Friday works.\n\n\nSame as last year.\n\nBob');
  });

  it('drops an attribution wrapped over two lines with its quote, and keeps the reply below', () => {
    const text = 'On Wed, Oct 8, 2014 at 11:12 AM, tech <info@x.example>\nwrote:\n\n> Test reply.\n> Second paragraph.\n\nThe quick brown fox jumps over the lazy dog.';
    expect(stripQuotedText(text)).toBe('The quick brown fox jumps over the lazy dog.');
  });

  it('reads past a header block at the very top (a message saved with its headers)', () => {
    expect(stripQuotedText('Od: Jan <jan@x.pl>\nWysłano: środa\nTemat: Test\n\nCzesc Anno,\n\nPozdrawiam,\nJan')).toBe('Czesc Anno,\n\nPozdrawiam,\nJan');
  });

  it('treats an underscore rule inside a signature as decoration, and above a From: block as a cut', () => {
    expect(stripQuotedText('Thanks\n\nJane Doe\n__________\nACME Ltd\n+1 555 0100')).toBe('Thanks\n\nJane Doe\n__________\nACME Ltd\n+1 555 0100');
    expect(stripQuotedText('Thanks\n\n________________________________\nFrom: A\nSent: Monday')).toBe('Thanks');
  });

  it.each([
    ['English reply', 'Yes.\n\nOn Mon, 3 Nov 2026 at 09:00, A <a@x.com> wrote:\n> old'],
    ['English reply wrapped', 'Yes.\n\nOn Mon, 3 Nov 2026 at 09:00, Alexandra Someone\n<a@x.com> wrote:\n> old'],
    ['Chinese 原始邮件', 'Yes.\n\n-----原始邮件-----\n发件人: A'],
    ['Chinese 在…写道', 'Yes.\n\n在 2026年11月3日 周一 09:00，A <a@x.com> 写道：\n> old'],
    ['Chinese 发件人 header block', 'Yes.\n\n发件人: A\n发送时间: 2026-11-03\n收件人: B'],
    ['German', 'Yes.\n\nAm Mo., 3. Nov. 2026 um 09:00 Uhr schrieb A <a@x.com>:\n> old'],
    ['German Outlook', 'Yes.\n\n-----Ursprüngliche Nachricht-----\nVon: A'],
    ['French', 'Yes.\n\nLe lun. 3 nov. 2026 à 09:00, A <a@x.com> a écrit :\n> old'],
    ['Japanese', 'Yes.\n\n2026年11月3日(月) 10:00 A <a@x.com>:\n> old'],
    ['Outlook From/Sent', 'Yes.\n\nFrom: A <a@x.com>\nSent: Monday\nTo: B'],
    ['forward', 'Yes.\n\n---------- Forwarded message ---------\nFrom: A'],
    ['Swedish', 'Yes.\n\nDen fre 28 feb. 2025 10:15Anna Andersson <anna@acme.com> skrev:\n\n> Hej'],
    ['Danish', 'Yes.\n\nDen 24. nov. 2025 kl. 10.00 skrev Peter Petersen <peter@example.com>:\n\n> Hej'],
    ['Italian', 'Yes.\n\nIl giorno lun 3 nov 2026 alle ore 09:00 A <a@x.com> ha scritto:\n> old'],
    ['Portuguese', 'Yes.\n\nEm seg., 3 de nov. de 2026 às 09:00, A <a@x.com> escreveu:\n> old'],
    ['Polish', 'Yes.\n\nW dniu 3.11.2026 o 09:00, A <a@x.com> napisał:\n> old'],
    ['Russian', 'Yes.\n\n3 нояб. 2026 г., в 09:00, A <a@x.com> пишет:\n> old'],
    ['Chinese 于…写道', 'Yes.\n\n于 2026年11月3日 09:00，A <a@x.com> 写道：\n> old'],
    ['Chinese 邮件原件', 'Yes.\n\n-----邮件原件-----\n发件人: A'],
    ['bold Outlook headers', 'Yes.\n\n*From:* A <a@x.com>\n*Sent:* Monday\n*To:* B'],
    ['Polish Outlook headers', 'Yes.\n\nOd: A <a@x.com>\nWysłano: środa\nDo: B\nTemat: x'],
    ['dashed attribution', 'Yes.\n\n---- On Tue, 22 Dec 2015 14:17:36 +0530 Sam <info@x.org> wrote ----\nold'],
    ['Romanian', 'Yes.\n\nmar., 7 mai 2024, 07:09 Someone <r@test.com> a scris:\n\nold'],
    ['Greek headers', 'Yes.\n\nΑπό: Άδης <hades@x.gr>\nΣτάλθηκε: Τρίτη\nΠρος: Περσεφόνη'],
    ['Arabic headers', 'Yes.\n\nمن: Lucky Dreams <info@client.com>\nالتاريخ: الثلاثاء\nإلى: منال'],
  ])('cuts at the %s marker', (_, text) => {
    expect(stripQuotedText(text)).toBe('Yes.');
  });

  it('keeps a body that merely mentions "from:" in a sentence', () => {
    expect(stripQuotedText('Prices from: 10 USD.\nThanks')).toBe('Prices from: 10 USD.\nThanks');
  });
});

describe('helpers', () => {
  it.each([
    ['Doe, Jane', 'Jane Doe'],
    ['"Jane Doe"', 'Jane Doe'],
    ['Jane Doe (via Google Groups)', 'Jane Doe'],
    ['jane@x.com', null],
    ['', null],
    ['张伟', '张伟'],
  ])('cleans display name %j to %j', (raw, clean) => {
    expect(cleanDisplayName(raw)).toBe(clean);
  });

  it('normalises phones to E.164 in the given region and keeps extensions', () => {
    expect(findPhones('座机：0512-6666 8888 转 302', 'CN')).toEqual(['+8651266668888 ext. 302']);
    expect(findPhones('Office: (415) 555-0134 x205', 'US')).toEqual(['+14155550134 ext. 205']);
    expect(findPhones('Order 2026-11-03, ref 12345', 'CN')).toEqual([]);
  });

  it('turns the message into an activity and offers the other participants', () => {
    const draft = extractFromMail({
      kind: 'mail',
      site: 'gmail',
      url: 'https://mail.google.com/mail/u/0/#inbox/abc',
      subject: ' Pricing ',
      sentAt: 1_795_000_000_000,
      from: { name: 'Ann Lee', email: 'Ann.Lee@Corp.example' },
      bodyText: 'Hello there, see attached.\n\nAnn Lee\nBuyer\nCorp Ltd',
      participants: [
        { name: 'Ann Lee', email: 'ann.lee@corp.example' },
        { name: 'Bo Chen', email: 'bo@corp.example', bodyText: 'Noted.\n\nBo Chen\nCFO\nCorp Ltd\n+86 139 1234 5678' },
      ],
    });
    expect(draft.activity).toEqual({ subject: 'Pricing', snippet: 'Hello there, see attached. Ann Lee Buyer Corp Ltd', occurredAt: 1_795_000_000_000 });
    expect(draft.lead.emails).toEqual(['ann.lee@corp.example']);
    expect(draft.others).toHaveLength(1);
    expect(draft.others[0]).toMatchObject({ name: 'Bo Chen', title: 'CFO', company: 'Corp Ltd', phones: ['+8613912345678'] });
  });
});

describe('signatures in more languages and shapes', () => {
  const lead = (bodyText: string, from = { name: '', email: 'x@example.com' }) =>
    extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from, bodyText, participants: [] }, 'CN').lead;

  it.each([
    ['Danish', 'Tak for din mail.\n\nMed venlig hilsen\nAnders Andersen', 'Anders Andersen'],
    ['Polish', 'Dziękuję.\n\nPozdrawiam,\nJan Kowalski', 'Jan Kowalski'],
    ['Dutch', 'Prima.\n\nMet vriendelijke groet,\nPieter de Vries', 'Pieter de Vries'],
    ['a lone first name', 'Sounds good, see you then.\n\nCheers,\nSøren', 'Søren'],
    ['a dashed first name', 'Will do.\n\n-Rick', 'Rick'],
  ])('finds the name after a %s closing', (_, body, name) => {
    expect(lead(body).name).toBe(name);
  });

  it('reads "title  name" on one line, and never takes a department for a name', () => {
    const got = lead('请查收。\n\n此致\n设备动力部\n高级工程师  王振华\n手机：139 0571 2345');
    expect(got.name).toBe('王振华');
    expect(got.title).toBe('高级工程师');
  });

  it('prefers the Chinese name to an English display name', () => {
    expect(lead('好的。\n\n刘婷\n采购经理', { name: 'Tina Liu', email: 'tina@example.cn' }).name).toBe('刘婷');
    expect(lead('好的。', { name: 'Vivian Chen 陳怡君', email: 'v@example.tw' }).name).toBe('陳怡君');
    expect(lead('Fine.', { name: 'Jane Doe', email: 'j@example.com' }).name).toBe('Jane Doe');
  });
});

describe('automated senders', () => {
  it.each(['noreply@notice.example.cn', 'no-reply@example.com', 'MAILER-DAEMON@mx.example.com', 'notifications@github.example', 'do_not_reply@bank.example'])('gives no lead for %s', (email) => {
    const draft = extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: 'x', sentAt: null, from: { name: 'Robot', email }, bodyText: 'Your order shipped.\n\nRegards,\nShop Team\n+86 138 0013 8000', participants: [] }, 'CN');
    expect(draft.lead).toMatchObject({ name: null, emails: [], phones: [] });
  });

  it('keeps shared inboxes that people answer', () => {
    const draft = extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: 'x', sentAt: null, from: { name: 'ACME Sales', email: 'sales@acme.example' }, bodyText: 'Hello', participants: [] }, 'CN');
    expect(draft.lead.emails).toEqual(['sales@acme.example']);
  });
});

describe('signatures under slogans, placeholders and legal notices', () => {
  it('finds the contact block above an image placeholder, a QR note, a fraud warning and a disclaimer; reads full-width digits', () => {
    const body = [
      '谈判定于12月2日下午2:00进行。',
      '',
      '邵晨',
      '采购中心 | 采购经理',
      '宁波恒升电器集团有限公司',
      '电话：0574-87630000-8316',
      '手机：＋86 １３９ ５７４１ ６２０８',
      '',
      '[cid:image001.png@01DD7BE8.21C2EDA5]',
      '',
      '扫码关注“恒升电器”官方公众号',
      '',
      '温馨提示：我司从未委托任何个人或第三方代收货款，如遇以我司名义要求变更收款账户的情况，请先致电我司财务部核实。',
      '打印前请考虑环保。',
      '本邮件及其附件含有宁波恒升电器集团有限公司的商业秘密信息，仅限于发送给上面地址中列出的个人或群组。禁止任何其他人以任何形式使用本邮件中的信息。',
    ].join('\n');
    const lead = extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from: { name: '邵晨', email: 'shaochen@hengsheng.example' }, bodyText: body, participants: [] }, 'CN').lead;
    expect(lead).toMatchObject({ name: '邵晨', title: '采购经理', company: '宁波恒升电器集团有限公司' });
    expect(lead.phones).toEqual(['+8657487630000 ext. 8316', '+8613957416208']);
  });
});

describe('phones with their kind', () => {
  const details = (bodyText: string, region: 'CN' | 'DE' | 'US' = 'CN') =>
    extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from: { name: 'A', email: 'a@example.com' }, bodyText, participants: [] }, region).lead;

  it('reads labelled numbers as mobile, work and fax, keeps the extension, and does not offer a fax to call', () => {
    const lead = details('好的。\n\n此致\n张伟\n电话：0512-6587 2316 转 806\n手机：139 1325 7408\n传真：0512-6587 2300');
    expect(lead.phoneDetails.map((p) => [p.kind, p.e164, p.ext])).toEqual([
      ['work', '+8651265872316', '806'],
      ['mobile', '+8613913257408', null],
      ['fax', '+8651265872300', null],
    ]);
    expect(lead.phones).toEqual(['+8651265872316 ext. 806', '+8613913257408']);
  });

  it('keeps a number that does not validate as printed, flagged, instead of dropping it', () => {
    const lead = details('Thanks\n\nBest regards,\nJohn Doe\nMobile: +49 (0) XXX XX XX 70\nTel: 9999999999', 'DE');
    expect(lead.phones).toEqual([]);
    // "Mobile: +49 (0) XXX…" has no digits to keep; "Tel: 9999999999" is kept as typed, as a work number.
    expect(lead.phoneDetails.filter((p) => p.e164 === null).map((p) => [p.kind, p.raw])).toEqual([['work', '9999999999']]);
  });

  it('reads German Telefon/Telefax labels', () => {
    const lead = details('Danke\n\nMit freundlichen Grüßen\nKlaus Müller\nTelefon: +49 30 1234567\nTelefax: +49 30 1234568', 'DE');
    expect(lead.phoneDetails.map((p) => p.kind)).toEqual(['work', 'fax']);
  });
});

describe('tel: links with a phone-context', () => {
  it('prefixes a local number with a global context', () => {
    const lead = extractFromPage({ kind: 'page', url: 'https://x.example', title: '', siteName: null, lang: 'en', jsonLd: [], hcards: [], mailtos: [], tels: ['tel:555-0123;phone-context=+1-415'], selection: '' }, 'CN').lead;
    expect(lead.phones).toEqual(['+14155550123']);
  });
});

describe('what the extraction carries besides the lead', () => {
  it("hands over the sender's own text, the signature block (valediction and device line included) and where each value came from", () => {
    const draft = extractFromMail(
      { kind: 'mail', site: 'gmail', url: '', subject: 'x', sentAt: null, from: { name: 'Jane Doe', email: 'jane@acme.example' }, bodyText: 'See attached.\n\nBest regards,\nJane Doe\nHead of Purchasing\nACME Ltd\nTel: +44 20 7946 0000\n\nSent from my iPhone\n\nOn Mon, Bob <bob@x.example> wrote:\n> old', participants: [] },
      'GB',
    );
    expect(draft.ownText).not.toContain('old');
    expect(draft.signature).toEqual({ valediction: 'Best regards,', lines: ['Jane Doe', 'Head of Purchasing', 'ACME Ltd', 'Tel: +44 20 7946 0000'], device: 'Sent from my iPhone' });
    expect(draft.sources).toMatchObject({ name: { from: 'header' }, title: { from: 'signature', line: 2 }, company: { from: 'signature', line: 3 }, emails: { from: 'header' }, phones: { from: 'signature', line: 4 } });
  });
});

describe('forwards', () => {
  const body = '雨桐：\n\n这是官网留言的客户，你直接联系她跟进。\n\n方磊\n市场部\n\n________________________________\n发件人: 林佳慧 <linjh@baby.example>\n发送时间: 2026年11月18日 21:37\n收件人: info@pack.example\n主题: 咨询\n\n您好，想了解报价。\n\n林佳慧\n采购主管\n宁波贝贝乐母婴用品有限公司\n手机：182 5742 6019';
  const mail = (subject: string, to: string) =>
    extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject, sentAt: null, from: { name: '方磊', email: 'fanglei@pack.example' }, bodyText: body, participants: [{ name: '宋雨桐', email: to }] }, 'CN').lead;

  it("a colleague forwarding a customer's mail hands over the customer, never themselves", () => {
    const lead = mail('转发: 咨询', 'songyt@pack.example');
    expect(lead).toMatchObject({ name: '林佳慧', title: '采购主管', company: '宁波贝贝乐母婴用品有限公司', emails: ['linjh@baby.example'], phones: ['+8618257426019'] });
  });

  it('a forward to someone outside the company, or without "forward" in the subject, keeps the sender', () => {
    expect(mail('转发: 咨询', 'buyer@elsewhere.example').name).toBe('方磊');
    expect(mail('咨询', 'songyt@pack.example').name).toBe('方磊');
  });

  it("reads Mail Master's quote card (a pipe table of headers) as quoted history", () => {
    expect(stripQuotedText('好的，明天发样品。\n\n---- 回复的原邮件 ----\n| 发件人 | 何佳<hejia@x.example> |\n| 日期 | 2026年11月20日 |\n| 主题 | 报价 |\nold')).toBe('好的，明天发样品。');
    expect(stripQuotedText('好的。\n\n| 发件人 | 何佳<hejia@x.example> |\n| 日期 | 2026年11月20日 |\nold')).toBe('好的。');
  });
});

describe('signature details as printed', () => {
  const lead = (bodyText: string) => extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from: { name: '', email: 'x@example.cn' }, bodyText, participants: [] }, 'CN').lead;

  it.each([
    ['Add: 广州市天河区黄埔大道西76号富源商务大厦1908室'],
    ['A: 广州市天河区黄埔大道西76号富源商务大厦1908室'],
    ['地址\t广州市天河区黄埔大道西76号富源商务大厦1908室'],
  ])('drops the address label of "%s"', (line) => {
    expect(lead(`好的。\n\n此致\n王伟\n${line}`).address).toBe('广州市天河区黄埔大道西76号富源商务大厦1908室');
  });

  it('keeps full-width brackets in a title as written', () => {
    expect(lead('好的。\n\n此致\n王伟\n区域销售经理（华东）\n手机：１３９ ０５７１ ２３４５').title).toBe('区域销售经理（华东）');
  });

  it('does not take a sentence with a link for a signature', () => {
    expect(lead('Hi there\n\nThis is a link to http://example.com').website).toBeNull();
  });
});

describe('title and company on one line', () => {
  const lead = (line: string) => extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from: { name: 'Jane Roe', email: 'jane@x.example' }, bodyText: `Thanks\n\nBest,\nJane Roe\n${line}`, participants: [] }, 'US').lead;
  it.each([
    ['Senior Software Engineer at Fondazione Bruno Kessler', 'Senior Software Engineer', 'Fondazione Bruno Kessler'],
    ['CTO @ Acme', 'CTO', 'Acme'],
    ['Head of Sales | Northwind Traders Ltd', 'Head of Sales', 'Northwind Traders Ltd'],
  ])('splits "%s"', (line, title, company) => {
    expect(lead(line)).toMatchObject({ title, company });
  });
});

describe('short signatures and links', () => {
  const draft = (bodyText: string) => extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from: { name: '', email: 'b@x.example' }, bodyText, participants: [] }, 'US');
  it('takes a lone name after a blank line as the signature, above a device line', () => {
    const got = draft('Works for me, see you Thursday.\n\nBraxton\n\nSent from Mail for Windows 10');
    expect(got.signature).toEqual({ valediction: null, lines: ['Braxton'], device: 'Sent from Mail for Windows 10' });
    expect(got.lead.name).toBe('Braxton');
  });
  it('keeps a labelled website line but not a sentence with a link', () => {
    expect(draft('Hi\n\nJane Roe\nWeb: https://roe.example').lead.website).toBe('https://roe.example');
    expect(draft("Hi\n\nHere's a link http://example.com").lead.website).toBeNull();
  });
});

describe('hotlines', () => {
  it('keeps a 400 hotline as printed, as kind other', () => {
    const lead = extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from: { name: '', email: 'x@example.cn' }, bodyText: '好的。\n\n此致\n王伟\n客服热线：400-672-8890\n手机：133 5716 8092', participants: [] }, 'CN').lead;
    expect(lead.phoneDetails.map((p) => [p.kind, p.e164 ?? p.raw])).toEqual([['other', expect.stringMatching(/400.?672.?8890|\+864006728890/)], ['mobile', '+8613357168092']]);
  });
});

describe('machine mail and the signature around it', () => {
  const mail = (over: Partial<Parameters<typeof extractFromMail>[0]>) =>
    extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: 'Re: order', sentAt: null, from: { name: 'Li Ming', email: 'li@corp.example' }, bodyText: 'Thanks.\n\nLi Ming\nBuyer\nCorp Ltd', participants: [], ...over }, 'CN');

  it.each([
    ['an auto-reply subject', { subject: 'Automatic reply: order' }],
    ['a Chinese auto-reply subject', { subject: '自动回复: 报价' }],
    ['a "do not reply" text', { bodyText: '您的简历已查阅。\n\n本邮件由系统自动发送，请勿直接回复。' }],
    ['an Auto-Submitted header', { mailer: { autoSubmitted: 'auto-replied' } }],
    ['a bulk Precedence header', { mailer: { precedence: 'bulk' } }],
    ['a List-Unsubscribe header', { mailer: { listUnsubscribe: true } }],
    ['a server sender', { from: { name: 'root', email: 'root@localhost' } }],
  ])('gives no lead for %s', (_, over) => {
    expect(mail(over).lead).toMatchObject({ name: null, emails: [], phones: [] });
  });

  it('keeps a person whose mailer says Auto-Submitted: no', () => {
    expect(mail({ mailer: { autoSubmitted: 'no' } }).lead.name).toBe('Li Ming');
  });

  it('stops the signature above a company legal footer, and reads the street and postal town', () => {
    const lead = mail({
      from: { name: '', email: 'john.smith@example.com' },
      bodyText:
        'Anbei.\n\nMit freundlichem Gruß\n\nJohn Smith\nService und Support\n\nExample Service AG\nLongstreet 5\n11111 Frankfurt am Main\n\nTel.: +49 69 1234567\n\nOHG mit Sitz in Frankfurt\nGeschäftsführung: Tilman Test, Klaus Test\nUSt-IdNr. DE 1010101010',
    }).lead;
    expect(lead).toMatchObject({ name: 'John Smith', title: 'Service und Support', company: 'Example Service AG', address: 'Longstreet 5, 11111 Frankfurt am Main' });
    expect(JSON.stringify(lead)).not.toContain('Tilman');
  });

  it('adds a labelled postal code to the address and reads any "…热线" label as a hotline', () => {
    const lead = mail({ bodyText: '收到。\n\n周建国\n地址：江苏省苏州市吴中区吴中大道2588号\n邮编：215124\n全国服务热线：400-672-8890' }).lead;
    expect(lead.address).toBe('江苏省苏州市吴中区吴中大道2588号, 215124');
    expect(lead.phoneDetails.map((p) => p.kind)).toEqual(['other']);
  });

  it('takes a closing with nothing below it for the end of the text, not a signature', () => {
    expect(findSignatureBlock('Thanks!')).toEqual({ valediction: null, lines: [], device: null });
  });
});

describe('more quote shapes', () => {
  it('cuts at a header block whose From line is not the first ("Objet:", "Date:", "De:")', () => {
    expect(stripQuotedText('@team, can you look?\n\nObjet: Ça Discourse ?\nDate: 2017-01-04 11:27\nDe: Un Français <un@francais.fr>\nÀ: ba@bar.com\n\nBonjour')).toBe('@team, can you look?');
  });

  it.each([
    ['a line ending in the address and a colon, wrapped inside "<"', 'I saw it.\n\n2016-10-24 15:36 GMT+02:00 Foo bar <\ninfo@foo.bar>:\n\n> Thank you'],
    ['Ukrainian "пише:"', 'Спасибо.\n\n30 серп. 2016 р. 20:45 "Arpit" <no-reply@example.com> пише:\n\n> meg'],
    ['German "schrieb am" wrapped', 'Hi there!\n\nMax Mustermann <max@example.com> schrieb am Fr., 28.\nApr. 2017 um 11:53 Uhr:\n\n> April 28'],
  ])('drops %s with its quote', (_, text) => {
    expect(stripQuotedText(text).split('\n')).toHaveLength(1);
  });
});

describe('signature blocks drawn with rules, devices and noise', () => {
  const lead = (bodyText: string) => extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from: { name: '', email: 'x@example.com' }, bodyText, participants: [] }, 'CN').lead;

  it('opens the signature at a drawn rule above contact details, not at the text above it', () => {
    const block = findSignatureBlock('我们下周二、周三都在公司，欢迎过来面谈。\n\n2026-11-20\n\n________________\n黄丽萍 | 总经理助理\n广州市粤汇进出口贸易有限公司\nM: 135 7093 2846');
    expect(block.lines[0]).toBe('黄丽萍 | 总经理助理');
  });

  it('keeps a closing above a rule as the start of the signature', () => {
    expect(findSignatureBlock('Hi Mat,\n\nSee below.\n\nKind regards,\n\nPerrin Aybara\n\n\n______________\nperrin@rollthedice.example\n+202 5632 56532 35')).toMatchObject({ valediction: 'Kind regards,', lines: ['Perrin Aybara', 'perrin@rollthedice.example', '+202 5632 56532 35'] });
  });

  it('takes a lone name right above a device line, and a word with a full stop is not a name', () => {
    expect(findSignatureBlock('Great thanks Bort, going for a test now.\nBraxton\n\nSent from Mail for Windows 10')).toMatchObject({ lines: ['Braxton'], device: 'Sent from Mail for Windows 10' });
    expect(lead('Hej,\n\nSvar.').name).toBeNull();
  });

  it('keeps slogans and QR notes in the block but out of the lead', () => {
    const text = '如有变动请提前告知，谢谢！\n\n邵晨\n采购中心 | 采购经理\n宁波恒升电器集团有限公司\n手机：139 5741 6208\n\n扫码关注“恒升电器”官方公众号\n\n打印前请考虑环保。';
    expect(findSignatureBlock(text).lines).toEqual(expect.arrayContaining(['邵晨', '扫码关注“恒升电器”官方公众号', '打印前请考虑环保。']));
    expect(lead(text)).toMatchObject({ name: '邵晨', title: '采购经理', company: '宁波恒升电器集团有限公司' });
  });

  it('drops honorifics and handles from the name, and splits "Title, Organisation"', () => {
    expect(lead('Ok.\n\n--\nStefano Costa @stekosteko\nEditor, Journal of Open Archaeology Data')).toMatchObject({ name: 'Stefano Costa', title: 'Editor', company: 'Journal of Open Archaeology Data' });
    expect(lead('Danke.\n\n___________\n\nDr. Thomas F\nGermany').name).toBe('Thomas F');
    expect(lead('Thanks.\n\nJane Roe\nDirector, Business Development').title).toBe('Director, Business Development');
  });
});

describe('the line under the name', () => {
  const lead = (bodyText: string) => extractFromMail({ kind: 'mail', site: 'gmail', url: '', subject: '', sentAt: null, from: { name: '', email: 'x@example.com' }, bodyText, participants: [] }, 'US').lead;
  it('is not taken for a title when it may be the company', () => {
    expect(lead('Thanks.\n\nJohn Smith\nAcme Solutions\nTel: +1 415 555 0134').title).toBeNull();
  });
});
