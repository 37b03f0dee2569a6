/**
 * The sender's own text from a mail body's DOM: quoted history, forwarded blocks and reply
 * headers are removed as elements (Gmail's gmail_quote, Outlook's divRplyFwdMsg, blockquotes)
 * before the text is read, so the plain-text rules only see what the sender wrote.
 * Works on the live page (content script) and on a parsed fixture (tests).
 */
const QUOTE_SELECTORS = [
  '.gmail_quote',
  '.gmail_extra',
  'blockquote',
  '#divRplyFwdMsg',
  '[id$="divRplyFwdMsg"]',
  '#appendonsend',
  '.OutlookMessageHeader',
  '.moz-cite-prefix',
  '.yahoo_quoted',
  '[data-marker="__QUOTED_TEXT__"]',
];

const BLOCK_TAGS = new Set(['P', 'DIV', 'BR', 'LI', 'TR', 'TD', 'TH', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'HR', 'SECTION', 'ARTICLE']);

export function ownTextFromHtml(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  for (const selector of QUOTE_SELECTORS) for (const el of Array.from(copy.querySelectorAll(selector))) el.remove();
  // Outlook puts "From: … Sent: …" after an <hr> with no wrapper: drop the hr and all after it.
  const hr = copy.querySelector('hr');
  if (hr) {
    let node: ChildNode | null = hr;
    while (node) {
      const next: ChildNode | null = node.nextSibling ?? climbNext(node, copy);
      node.parentNode?.removeChild(node);
      node = next;
    }
  }
  return textWithBreaks(copy).replace(/\u00a0/g, ' ').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function climbNext(node: ChildNode, root: Element): ChildNode | null {
  let parent = node.parentNode;
  while (parent && parent !== root) {
    if (parent.nextSibling) return parent.nextSibling as ChildNode;
    parent = parent.parentNode;
  }
  return null;
}

function textWithBreaks(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  if (el.tagName === 'BR') return '\n';
  if (el.tagName === 'A') {
    // A social icon links to the profile without showing it: keep the address as text.
    const href = el.getAttribute('href') ?? '';
    const text = Array.from(el.childNodes).map(textWithBreaks).join('');
    return /^https?:.*(linkedin|twitter|x\.com|weibo|github)/i.test(href) && !text.includes(href) ? `${text} ${href}` : text;
  }
  const inner = Array.from(el.childNodes).map(textWithBreaks).join('');
  return BLOCK_TAGS.has(el.tagName) ? `\n${inner}\n` : inner;
}
