grep "^page" /tmp/d-html.txt | python3 -c "
import sys,json,re
for line in sys.stdin:
    m=re.match(r'page (\S+)( \(selection\))?: want (null|\{.*\}) got (\{.*\})$',line.strip())
    if not m: print(line[:200]); continue
    w=json.loads(m.group(3)) or {'emails':[],'phones':[]}; g=json.loads(m.group(4))
    d={k:(w.get(k),g.get(k)) for k in ('name','title','company','website','address') if (w.get(k) or '')!=(g.get(k) or '')}
    we=set(x.lower() for x in w['emails']); ge=set(x.lower() for x in g['emails'])
    if we!=ge: d['emails']=(sorted(we),sorted(ge))
    wp=[(p['raw'],p['kind']) for p in w['phones']]; gp=[(p['raw'],p['kind']) for p in g['phoneDetails']]
    if wp!=gp: d['phones']=(wp,gp)
    print(m.group(1)+(m.group(2) or ''), 'WANT NULL' if m.group(3)=='null' else '', json.dumps(d,ensure_ascii=False)[:700])
"
