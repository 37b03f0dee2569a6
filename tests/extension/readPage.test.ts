import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readPage } from '../../extension/capture/readPage';
import { addressParts, CORPUS_DIR, corpusAvailable } from '../fixtures/capture/sharedCorpus';

const read = (html: string) => readPage(parseHTML(html).document as unknown as Document, '');

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
