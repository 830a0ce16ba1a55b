# CPU per request of a process, by the assembly (or native library, or kernel system call) its samples fall in.
# Usage: perf record -F 1999 -g -p PID -o perf.data -- sleep 10   (while a load generator runs; for managed frames start
#        the process with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0), perf script -i perf.data > perf.txt,
#        python3 perf-by-assembly.py perf.txt REQUESTS_DURING_THE_RECORDING [SAMPLING_HZ, default 1999]
import collections,re,sys
txt=open(sys.argv[1]).read().split('\n\n'); reqs=int(sys.argv[2]); hz=int(sys.argv[3]) if len(sys.argv)>3 else 1999
selfasm=collections.Counter(); tot=0
for s in txt:
    lines=s.strip().split('\n')
    if len(lines)<2: continue
    tot+=1
    if '[kernel.kallsyms]' in lines[1]:
        sysc=None
        for l in lines[1:]:
            m=re.search(r'(__x64_sys_\w+)',l)
            if m: sysc=m.group(1)
        selfasm['K:'+(sysc or 'other')]+=1; continue
    key=None
    for l in lines[1:]:
        m=re.search(r'\[([\w\.]+)\] ',l)
        if m: key=m.group(1); break
        if '(/' in l and '.so' in l:
            mm=re.search(r'/([\w\.\-]+\.so[\.\d]*)',l); key=key or (mm.group(1) if mm else 'so'); break
    selfasm[key or 'other']+=1
us=lambda v: v/hz*1e6/reqs
print('total us/req %.1f'%us(tot))
for k,v in selfasm.most_common(28): print(f"{us(v):6.1f} us  {k}")
