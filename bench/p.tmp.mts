import { scoreCorpus } from './lib/corpusScore';
const { figures } = await scoreCorpus();
for (const f of figures) if (/F1|right|leaked/.test(f.name)) console.log(f.name.padEnd(50), f.value.toFixed(3));
