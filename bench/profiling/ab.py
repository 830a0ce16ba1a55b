#!/usr/bin/env python3
# Side-by-side comparison of gateways (or builds) already running on loopback ports, with wrk as the load generator:
# every round runs each port in turn (so drift on a shared machine hits all alike), then the medians are printed:
# requests/s, p50, p99, and the listening process's CPU (user + system) per request from /proc.
# Usage: python3 ab.py ROUNDS SECONDS CONNECTIONS PORT...    (CONNECTIONS "s16" = streaming with 16 connections)
# Needs: wrk (apt-get install wrk). The body is chat.lua / chat-stream.lua beside this file, key "sy-bench-key".
import subprocess,sys,re,statistics
R=int(sys.argv[1]); S=sys.argv[2]; C=sys.argv[3]; ports=sys.argv[4:]
here=__import__('os').path.dirname(__import__('os').path.abspath(__file__))
script=here+'/chat.lua'
if C.startswith('s'): C=C[1:]; script=here+'/chat-stream.lua'
def pid(p):
    # the process listening on the port
    out=subprocess.run(['ss','-ltnpH',f'sport = :{p}'],capture_output=True,text=True).stdout
    return re.search(r'pid=(\d+)',out).group(1)
def ticks(pd):
    f=open(f'/proc/{pd}/stat').read().rsplit(')',1)[1].split(); return int(f[11])+int(f[12])
res={p:[] for p in ports}
for r in range(R):
    for p in ports:
        pd=pid(p); t0=ticks(pd)
        out=subprocess.run(['wrk','-t1',f'-c{C}',f'-d{S}s','--latency','-s',script,f'http://127.0.0.1:{p}/v1/chat/completions'],capture_output=True,text=True).stdout
        t1=ticks(pd)
        n=int(re.search(r'(\d+) requests in',out).group(1))
        p50=re.search(r' 50%\s+([\d\.]+)(us|ms)',out); p50=float(p50.group(1))*(1 if p50.group(2)=='us' else 1000)
        p99=re.search(r' 99%\s+([\d\.]+)(us|ms|s)',out); p99=float(p99.group(1))*({'us':1,'ms':1000,'s':1e6}[p99.group(2)])
        res[p].append((n/float(S),p50,p99,(t1-t0)*10000/n))
for p in ports:
    rs=res[p]
    print(f"{p}: rps {statistics.median(r[0] for r in rs):7.0f}  p50 {statistics.median(r[1] for r in rs):6.0f}us  p99 {statistics.median(r[2] for r in rs):6.0f}us  cpu/req {statistics.median(r[3] for r in rs):5.0f}us   runs rps={[round(r[0]) for r in rs]}")
