#!/usr/bin/env python3
# CPU of one process by thread name over an interval, from /proc (clock ticks, 100 per second): which of the runtime's
# threads (thread-pool workers, the socket engine, the tiered compiler, the GC) or the gateway's own (the delta-log
# writer) the process spends its time in. Run it while a load generator runs.
# Usage: python3 thread-cpu.py PID SECONDS
import collections,os,sys,time
pid=sys.argv[1]; seconds=float(sys.argv[2])
def snapshot():
    ticks=collections.Counter()
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            name=open(f'/proc/{pid}/task/{tid}/comm').read().strip()
            fields=open(f'/proc/{pid}/task/{tid}/stat').read().rsplit(')',1)[1].split()
            ticks[name]+=int(fields[11])+int(fields[12])  # utime + stime
        except OSError: pass  # a thread that ended meanwhile
    return ticks
before=snapshot(); time.sleep(seconds); after=snapshot()
used={name:after[name]-before[name] for name in after if after[name]-before[name]>0}
print('  '.join(f'{name}: {t}' for name,t in sorted(used.items(),key=lambda kv:-kv[1])), f'(ticks in {seconds:g} s)')
