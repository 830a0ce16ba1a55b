#!/usr/bin/env python3
# The gateway's own added latency, measured on the wire (loopback packets), so that neither the load generator's nor the
# upstream's scheduling is in it. For every request on one keep-alive connection:
#   added = (gateway's response out − caller's request in) − (upstream's answer in − gateway's upstream request out)
# Non-streaming: up to the upstream's last answer segment before the gateway answers and the gateway's first response
# segment. Streaming (--stream): time to first token, from the first segment carrying answer text ("content":"x" or
# "text":"x", non-empty) on each side.
# Usage (root; apt-get install tcpdump):
#   tcpdump -i lo -nn -s 4000 -w cap.pcap 'tcp port GATEWAY or tcp port UPSTREAM' &   # while ONE connection loads
#   tcpdump -r cap.pcap -nn -tt -A | python3 wire-latency.py GATEWAY UPSTREAM [--stream]
import re,sys
gw,up=int(sys.argv[1]),int(sys.argv[2]); stream='--stream' in sys.argv
head=re.compile(r'^(\d+\.\d+) IP [\d\.]+\.(\d+) > [\d\.]+\.(\d+): Flags \[[^\]]*\].*length (\d+)')
token=re.compile(rb'"(?:content|text)":"[^"]')
packets=[]  # (time, src, dst, payload bytes)
cur=None
for line in sys.stdin.buffer:
    m=head.match(line.decode('latin-1'))
    if m:
        if cur and cur[4]>0: packets.append(cur)
        cur=[float(m.group(1)),int(m.group(2)),int(m.group(3)),b'',int(m.group(4))]
    elif cur is not None:
        cur[3]+=line.rstrip(b'\n')
if cur and cur[4]>0: packets.append(cur)
rows=[]; r=None
for t,s,d,payload,n in packets:
    if d==gw:                                   # the caller's request (a new one once the last was answered)
        if r is None or 'out' in r: r={'in':t}
    elif r is None: continue
    elif d==up and 'up' not in r: r['up']=t
    elif s==up and 'up' in r:
        if not stream or ('back' not in r and token.search(payload)): r.setdefault('back',t) if stream else r.__setitem__('back',t)
    elif s==gw and 'back' in r and 'out' not in r:
        if not stream or token.search(payload): r['out']=t; rows.append(r)
added=sorted((x['out']-x['in']-(x['back']-x['up']))*1e6 for x in rows)
upstream=sorted((x['back']-x['up'])*1e6 for x in rows)
total=sorted((x['out']-x['in'])*1e6 for x in rows)
q=lambda a,p: a[min(len(a)-1,int(p*len(a)))]
print(f'{len(rows)} requests' + (' (time to first token)' if stream else ''))
for name,a in (('gateway added',added),('upstream',upstream),('gateway total',total)):
    print(f'{name:14} p50 {q(a,.5):7.0f} us  p90 {q(a,.9):7.0f}  p99 {q(a,.99):7.0f}  p99.9 {q(a,.999):7.0f}')
