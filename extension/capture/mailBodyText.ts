/**
 * A mail body's DOM as plain text, the way the reader sees its lines, with what the client marked
 * as quoted history written as "> " lines. The plain-text rules (shared/extract/quoted.ts) then
 * decide what is the sender's own text: one set of rules for webmail and raw mail, and a forwarded
 * customer's message stays readable to them. Works on the live page (content script) and on a
 * parsed fixture (tests).
 */

/** Wrappers around one quoted part: the sender's text may continue after them (bottom-posting, inline replies). */
const QUOTE_SELECTORS = ['.gmail_quote', '.gmail_extra', 'blockquote', '.moz-cite-prefix', '.yahoo_quoted', '[data-marker="__QUOTED_TEXT__"]', '[name="messageBodySection"] ~ [name="messageReplySection"]'].join(',');
/** Outlook's marks where the reply history starts: everything from there on is history. */
const HISTORY_START_SELECTORS = ['#divRplyFwdMsg', '[id$="divRplyFwdMsg"]', '#appendonsend', '.OutlookMessageHeader'].join(',');
/** Outlook for Windows draws its reply header as a box with a thin top border, in one of two colours. */
const OUTLOOK_HEADER_BOX = /border-top:solid#(e1e1e1|b5c4df)/;

function startsHistory(el: Element): boolean {
  return el.matches(HISTORY_START_SELECTORS) || OUTLOOK_HEADER_BOX.test((el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, ''));
}

const RULE_LINE = '_'.repeat(32);
/** Where clients keep the signature they insert: written after a "-- " line, the text rules' signature delimiter. */
const SIGNATURE_SELECTORS = ['.gmail_signature', '[data-smartmail="gmail_signature"]', '#Signature', '.moz-signature', '#signature', '.signature'].join(',');
/** Under the capture schema's limit; a thread's oldest history is what gets cut. */
const MAX_LENGTH = 190_000;

/** Elements that start and end a line of their own. */
const BLOCK_TAGS = new Set(['P', 'DIV', 'LI', 'TR', 'TABLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'SECTION', 'ARTICLE', 'UL', 'OL', 'DL', 'DT', 'DD', 'PRE', 'ADDRESS', 'CENTER', 'HEADER', 'FOOTER', 'CAPTION', 'FIGURE', 'BLOCKQUOTE']);
/** Cells of a row stay on one line ("Tel:" | "+49 …" in a signature table), set apart like columns, unless a cell holds several lines. */
const CELL_TAGS = new Set(['TD', 'TH']);
/** Never shown: a style sheet or script is not text the sender wrote. */
const HIDDEN_TAGS = new Set(['STYLE', 'SCRIPT', 'HEAD', 'TITLE', 'TEMPLATE', 'NOSCRIPT', 'META', 'LINK']);

export function bodyTextFromHtml(root: Element): string {
  const out = new LineWriter();
  writeNode(root, out, { pre: false, history: { started: false } });
  return out.text().replace(/\u00a0/g, ' ').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim().slice(0, MAX_LENGTH);
}

/**
 * Lines as on screen: a block ends the line it is on without adding a blank one (Outlook writes
 * every line as a <p class=MsoNormal> with no margin, Gmail as a <div>), so blank lines come only
 * from empty blocks and <br>s.
 */
class LineWriter {
  private parts: string[] = [];
  atLineStart = true;
  write(s: string): void {
    if (!s) return;
    this.parts.push(s);
    this.atLineStart = s.endsWith('\n');
  }
  endLine(): void {
    if (!this.atLineStart) this.write('\n');
  }
  text(): string {
    return this.parts.join('');
  }
}

interface Walk {
  pre: boolean;
  /** Inside the client's signature element, already marked. */
  signed?: boolean;
  /** Shared by the whole walk: once Outlook's history mark is passed, every later line is history. */
  history: { started: boolean };
}

function writeNode(node: Node, out: LineWriter, walk: Walk): void {
  if (node.nodeType === 3) {
    // Source line breaks inside a paragraph are spaces on screen, except in preformatted text.
    const text = node.textContent ?? '';
    if (walk.pre) return out.write(text.replace(/\r\n?/g, '\n'));
    // Like a browser, white space between blocks and at the start of a line is not shown.
    const flowing = text.replace(/[\r\n\t ]+/g, ' ');
    out.write(out.atLineStart ? flowing.replace(/^ /, '') : flowing);
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  const tag = el.tagName.toUpperCase();
  if (HIDDEN_TAGS.has(tag)) return;
  if (!walk.history.started && startsHistory(el)) walk.history.started = true;
  if (walk.history.started || el.matches(QUOTE_SELECTORS)) return writeQuoted(el, out, walk);
  if (!walk.signed && el.matches(SIGNATURE_SELECTORS) && (el.textContent ?? '').trim()) {
    out.endLine();
    out.write('-- \n');
    walk = { ...walk, signed: true };
  }
  writeElement(el, tag, out, walk);
}

/** An element's text as "> " lines, each on its own line. */
function writeQuoted(el: Element, out: LineWriter, walk: Walk): void {
  const inner = new LineWriter();
  writeElement(el, el.tagName.toUpperCase(), inner, { ...walk, history: { started: false } });
  const lines = inner.text().replace(/\u00a0/g, ' ').split('\n');
  const text = lines.map((l) => (l.trim() ? `> ${l.trim()}` : '>')).join('\n').replace(/^(>\n)+|(\n>)+$/g, '');
  if (text.replace(/[>\s]/g, '') === '') return;
  out.endLine();
  out.write(`${text}\n`);
}

function writeElement(el: Element, tag: string, out: LineWriter, walk: Walk): void {
  const children = () => Array.from(el.childNodes).forEach((child) => writeNode(child, out, walk));
  if (tag === 'BR') return out.write('\n');
  // A rule is written out as the plain-text one: a reply header block after it is history by the
  // text rules, while Foxmail's and Outlook's rule above a signature is not a boundary.
  if (tag === 'HR') {
    out.endLine();
    return out.write(`${RULE_LINE}\n`);
  }
  if (tag === 'A') {
    // A social icon links to the profile without showing it: keep the address as text.
    const href = el.getAttribute('href') ?? '';
    const text = el.textContent ?? '';
    children();
    if (/^https?:.*(linkedin|twitter|x\.com|weibo|github)/i.test(href) && !text.includes(href)) out.write(` ${href}`);
    return;
  }
  const pre = walk.pre || tag === 'PRE' || /white-space\s*:\s*pre/i.test(el.getAttribute('style') ?? '');
  if (pre !== walk.pre) walk = { ...walk, pre };
  // A cell holding several lines is a column of its own (a two-column signature table).
  const cell = CELL_TAGS.has(tag);
  const block = BLOCK_TAGS.has(tag) || (cell && el.querySelector('br,p,div,table') !== null);
  if (cell && !block && !out.atLineStart) out.write('  ');
  if (block) out.endLine();
  Array.from(el.childNodes).forEach((child) => writeNode(child, out, walk));
  if (block) out.endLine();
}
