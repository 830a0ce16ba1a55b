# Attributes `perf script` samples of a gateway process to request-path stages (docs/benchmarks.md, "Where the time
# goes"). Each sample goes to the innermost frame that matches a specific stage (tokenizer, codecs, ledger, ...);
# failing that, to the first generic stage found anywhere on its stack (HTTP client, Kestrel, sockets, spin, JIT).
# Usage: python3 perf-stages.py perf.txt   (perf.txt from `perf script -i perf.data`)
import re,collections,sys
samples=[];cur=[]
for line in open(sys.argv[1]):
    line=line.rstrip('\n')
    if not line.strip():
        if cur: samples.append(cur); cur=[]
        continue
    if line.startswith(('\t',' ')):
        parts=line.strip().split(' ',1); cur.append(parts[1] if len(parts)>1 else parts[0])
    else: cur=[line.split()[0]]
specific=[
 ('spend ledger writer (SQLite, background)', r'SqliteBudgetLedger|AppendSpendAsync'),
 ('delta log writer (SQLite, background)', r'SqliteDeltaLog'),
 ('token estimate (tokenizer)', r'TokenEstimator|Microsoft.ML.Tokenizers'),
 ('request decode (JSON to ChatRequest)', r'OpenAIRequestReader|RequestBody::Read|AnthropicRequestReader|RequestBodyReader'),
 ('upstream body splice (RequestBodyEditor) + build', r'RequestBodyEditor|UpstreamAttempt::BuildRequest'),
 ('response decode (usage, JSON)', r'OpenAIResponseReader|AnthropicResponseReader|OpenAIUsage'),
 ('stream decode', r'StreamDecoder'),
 ('rate-limit headers', r'RateLimits|RetryAfterParser|GoDuration|ProviderRateLimiter'),
 ('response write to client', r'HttpChatResponseSink|ClientStream'),
 ('metrics (OpenTelemetry)', r'OpenTelemetry|GatewayMetrics|SpendMetrics|GatewayTelemetry|System.Diagnostics.Metrics'),
 ('auth (virtual keys)', r'VirtualKeyStore|Auth\.'),
]
generic=[
 ('thread pool spin (sched_yield)', r'sched_yield'),
 ('JIT', r'libclrjit'),
 ('upstream HTTP (HttpClient, sockets)', r'System.Net.Http'),
 ('Kestrel (HTTP server)', r'Kestrel|Microsoft.AspNetCore'),
 ('socket engine / epoll', r'SocketAsyncEngine|System.Net.Sockets|epoll'),
 ('routing/attempt loop/other Switchyard', r'Switchyard'),
]
c=collections.Counter()
for s in samples:
    frames=s[1:]
    hit=None
    for f in frames:
        for name,rx in specific:
            if re.search(rx,f): hit=name; break
        if hit: break
    if not hit:
        for name,rx in generic:
            if any(re.search(rx,f) for f in frames): hit=name; break
    if not hit:
        hit='kernel/runtime other (GC, scheduler)' if frames and ('kernel' in frames[0] or '[k]' in frames[0] or 'libcoreclr' in ' '.join(frames[:3])) else 'unattributed'
    c[hit]+=1
N=len(samples)
for k,v in c.most_common(): print(f'| {k} | {100*v/N:.1f} % |')
