import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readPage } from '../../extension/capture/readPage';
import { extractFromPage } from '../../shared/extract/extractPage';
import { addressParts, CORPUS_DIR, corpusAvailable } from '../fixtures/capture/sharedCorpus';

/** A whole document, as a browser tab always has one (a bare fragment would make its first element the root). */
const read = (html: string) => readPage(parseHTML(/^\s*<(!doctype|html)/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`).document as unknown as Document, '');

describe('page reader: hCard addresses', () => {
  it('joins address parts with commas in the order printed, not run together', () => {
    const page = read(
      '<div class="vcard"><span class="fn">张伟</span><div class="adr"><span class="street-address">天童南路588号</span><span class="locality">宁波</span><span class="region">浙江</span><span class="country-name">中国</span></div></div>',
    );
    expect(page.hcards[0]!.address).toBe('天童南路588号, 宁波, 浙江, 中国');
  });

  it('keeps a free-text address as printed', () => {
    expect(read('<div class="h-card"><span class="p-name">A</span><p class="p-adr">1 Main St, Springfield</p></div>').hcards[0]!.address).toBe('1 Main St, Springfield');
  });

  it.runIf(corpusAvailable())('reads the hCard address of a page from another project as its answer key says', () => {
    const html = readFileSync(join(CORPUS_DIR, 'pages/any23_hcard_22-adr.html'), 'utf8');
    // The key gives vCard's order; its README says to compare component-wise.
    expect(addressParts(read(html).hcards[0]!.address!)).toEqual(addressParts('1231 Main St., Beverly Hills, California, 90210, United States of America'));
  });
});

describe('page reader: maintained parsers', () => {
  const lead = (html: string) => extractFromPage({ ...read(html), url: 'https://example.test/about' }, 'US').lead;

  it('reads h-cards as microformats-parser does: implied name and url, nested organisation, job title', () => {
    expect(lead('<p>By <a class="h-card" href="https://jane.example">Jane Roe</a></p>')).toMatchObject({ name: 'Jane Roe', website: 'https://jane.example' });
    const got = lead('<div class="h-card"><a class="p-name u-url" href="https://jane.example">Jane Roe</a><span class="p-job-title">CTO</span><div class="p-org h-card"><span class="p-name">Acme Ltd</span></div></div>');
    expect(got).toMatchObject({ name: 'Jane Roe', title: 'CTO', company: 'Acme Ltd', website: 'https://jane.example' });
  });

  it('does not take a link within the site for a website', () => {
    expect(lead('<div class="h-card"><span class="p-name">Jane Roe</span><a class="u-url" href="/profile">Profile</a></div>').website).toBeNull();
  });

  it('reads schema.org microdata, and knows a Dentist is an organisation', () => {
    const person = lead('<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">John Doe</span><span itemprop="jobTitle">Editor</span><div itemprop="affiliation" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">University of Dreams</span></div></div>');
    expect(person).toMatchObject({ name: 'John Doe', title: 'Editor', company: 'University of Dreams' });
    const dentist = extractFromPage({ kind: 'page', url: 'https://smile.example', title: '', siteName: null, lang: 'en', jsonLd: ['{"@type":"Dentist","name":"Smile Dental","telephone":"+1 415 555 0100"}'], hcards: [], mailtos: [], tels: [], selection: '' }, 'US').lead;
    expect(dentist).toMatchObject({ company: 'Smile Dental', phones: ['+14155550100'] });
  });

  it("does not take the site's publisher for a person's employer", () => {
    const got = extractFromPage(
      { kind: 'page', url: 'https://blog.example/post', title: '', siteName: 'Blog', lang: 'en', jsonLd: ['{"@type":"BlogPosting","author":{"@type":"Person","name":"Alexis Sanders"},"publisher":{"@type":"Organization","name":"Moz","url":"https://moz.com"}}'], hcards: [], mailtos: [], tels: [], selection: '' },
      'US',
    ).lead;
    expect(got).toMatchObject({ name: 'Alexis Sanders', company: null, website: null });
  });
});

describe('pages about several people', () => {
  it('give no lead unless the user selects one of them', () => {
    const html = '<div class="h-card"><span class="p-name">Ann Lee</span></div><div class="h-card"><span class="p-name">Bo Chen</span></div>';
    const page = read(html);
    expect(extractFromPage({ ...page, url: 'https://team.example' }, 'US').lead).toMatchObject({ name: null, emails: [], phones: [] });
    expect(extractFromPage({ ...page, url: 'https://team.example', selection: 'Bo Chen\nCTO' }, 'US').lead).toMatchObject({ name: 'Bo Chen', title: 'CTO' });
  });
});

describe('classic hCard as the spec writes it, and what a page is about', () => {
  const lead = (html: string, selection = '') => {
    const page = read(html);
    return extractFromPage({ ...page, url: 'https://page.example/', selection }, 'US').lead;
  };

  it('reads tel links by their number and scheme, and the organisation name inside org', () => {
    const got = lead(
      '<div class="vcard"><span class="fn">John Doe</span><a class="tel" href="tel:+1.415.555.1235">call me</a><a class="tel" href="fax:+1.415.555.1238">fax me</a><map><area class="tel" href="tel:+1.415.555.1237"></map><span class="org"><abbr class="organization-name" title="Intellicorp">foo</abbr><abbr class="organization-unit" title="Intelligence">bar</abbr></span><span class="adr"><span class="post-office-box">Box 1234</span><span class="locality">San Francisco</span></span></div>',
    );
    expect(got.phoneDetails.map((p) => [p.e164, p.kind])).toEqual(expect.arrayContaining([['+14155551235', 'other'], ['+14155551238', 'fax'], ['+14155551237', 'other']]));
    expect(got).toMatchObject({ name: 'John Doe', company: 'Intellicorp', address: 'Box 1234, San Francisco' });
  });

  it("prefers a person's card to an organisation's, and takes rel=me as the person's site", () => {
    const got = lead('<div class="vcard"><div class="fn org">W3C</div></div><div class="vcard"><div class="fn">Dan Connolly</div><div class="org">W3C</div></div><a rel="me" href="https://dan.example/">me</a>');
    expect(got).toMatchObject({ name: 'Dan Connolly', company: 'W3C', website: 'https://dan.example/' });
  });

  it("finds the site owner's card inside the page's h-entry, but not a comment author's", () => {
    const got = lead('<div class="h-entry"><p class="e-content">Post</p><aside class="h-card"><a class="p-name u-url" href="https://ryan.example/">Ryan Barrett</a></aside><div class="p-comment h-cite"><span class="p-author h-card">Troll</span></div></div>');
    expect(got).toMatchObject({ name: 'Ryan Barrett', website: 'https://ryan.example/' });
  });

  it("gives no lead for an event's venue or a listing of several organisations, and reads only the selected entry", () => {
    expect(lead('<div class="vevent"><span class="summary">Field Day</span><div class="location vcard"><span class="fn org">Victoria Park</span></div></div>')).toMatchObject({ name: null, company: null, address: null });
    const listing =
      '<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Leeds Health Unit</span><a itemprop="telephone" href="tel:323-604-6030">323-604-6030</a></div><div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Citizens Arena</span><a itemprop="telephone" href="tel:(909) 484-2020">(909) 484-2020</a></div>';
    expect(lead(listing)).toMatchObject({ company: null, phones: [] });
    const chosen = lead(listing, 'Citizens Arena\n4000 E. Ontario Center Parkway, Ontario\n(909) 484-2020');
    expect(chosen).toMatchObject({ name: null, company: 'Citizens Arena', phones: ['+19094842020'], address: '4000 E. Ontario Center Parkway, Ontario' });
  });

  it('reads the older data-vocabulary title and address names', () => {
    const got = extractFromPage({ kind: 'page', url: '', title: '', siteName: null, lang: 'en', jsonLd: ['{"@type":"Person","name":"John Doe","title":"research assistant","address":{"street-address":"1234 Peach Drive","locality":"Warner Robins","region":"Georgia"}}'], hcards: [], mailtos: [], tels: [], selection: '' }, 'US').lead;
    expect(got).toMatchObject({ title: 'research assistant', address: '1234 Peach Drive, Warner Robins, Georgia' });
  });
});
