import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { bodyTextFromHtml } from '../../extension/capture/mailBodyText';
import { findEmbeddedMessage, stripQuotedText } from '../../shared/extract/quoted';
import { findSignatureBlock } from '../../shared/extract/signature';

const body = (html: string) => {
  const { document } = parseHTML(`<!doctype html><html><body><div id="b">${html}</div></body></html>`);
  return bodyTextFromHtml(document.getElementById('b') as unknown as Element);
};

describe('mail body text from the DOM', () => {
  it('reads Outlook Word paragraphs as lines, without blank lines between them or the style sheet', () => {
    const text = body(`<style>p.MsoNormal {margin:0cm}</style>
<p class=MsoNormal><span>王磊<o:p></o:p></span></p>
<p class=MsoNormal><span>销售部 | 经理</span></p>
<p class=MsoNormal><span>电话：0755-8652 7140</span></p>`);
    expect(text).toBe('王磊\n销售部 | 经理\n电话：0755-8652 7140');
  });

  it('keeps a signature below a Foxmail rule: a rule is a boundary only before a reply header', () => {
    const text = body(`<div>好的，明天发货。</div><div><br></div><hr style="width:210px" size="1" align="left"><div>黄丽萍 | 总经理助理</div><div>Tel: 020-3887 1520</div>`);
    expect(stripQuotedText(text)).toContain('黄丽萍 | 总经理助理');
    expect(findSignatureBlock(stripQuotedText(text)).lines).toEqual(['黄丽萍 | 总经理助理', 'Tel: 020-3887 1520']);
  });

  it("writes Outlook's history, header block and all that follows, as quoted lines, still readable as a forwarded message", () => {
    const text = body(`<div>雨桐：这是客户，你直接联系她。</div><div id="appendonsend"></div><hr>
<div id="divRplyFwdMsg"><b>发件人:</b> 林佳慧 &lt;linjh@beibeile.example&gt;<br><b>发送时间:</b> 2026年11月18日 21:37<br><b>主题:</b> 咨询</div>
<div><div>您好，想要报价。</div><div><br></div><div>林佳慧</div><div>手机：182 5742 6019</div></div>`);
    expect(stripQuotedText(text)).toBe('雨桐：这是客户，你直接联系她。');
    const forwarded = findEmbeddedMessage(text);
    expect(forwarded?.from).toEqual({ name: '林佳慧', email: 'linjh@beibeile.example' });
    expect(forwarded?.body).toContain('手机：182 5742 6019');
  });

  it('keeps the sender text written below a Gmail quote (bottom-posting)', () => {
    const text = body(`<div class="gmail_quote"><div class="gmail_attr">On Mon, Jane &lt;jane@x.example&gt; wrote:</div><blockquote class="gmail_quote"><div>Can you ship?</div><div>Jane Doe, CEO</div></blockquote></div><div>Yes, on Friday.</div><div>Tom</div>`);
    const own = stripQuotedText(text);
    expect(own).toContain('Yes, on Friday.');
    expect(own).not.toContain('Jane Doe, CEO');
  });

  it('puts label and value cells of a signature table on one line, and multi-line cells on lines of their own', () => {
    expect(body('<table><tr><td>Tel:</td><td>+49 30 1234567</td></tr><tr><td>Fax:</td><td>+49 30 1234568</td></tr></table>')).toBe('Tel:  +49 30 1234567\nFax:  +49 30 1234568');
    expect(body('<table><tr><td>Daniel Park<br>Director</td><td>T. +82 2 1234 5678</td></tr></table>')).toBe('Daniel Park\nDirector\nT. +82 2 1234 5678');
  });

  it('keeps line breaks of preformatted text', () => {
    expect(body('<pre>Jan Nowak\nDyrektor</pre>')).toBe('Jan Nowak\nDyrektor');
  });
});
