# A closed-loop client on one keep-alive connection, used to hold a gateway busy while `perf record` samples it.
# Usage: python3 drive.py <port> <seconds> n|s [api key]   (n = non-streaming, s = streaming)
import http.client, sys, time, json
port=int(sys.argv[1]); secs=float(sys.argv[2]); stream=sys.argv[3]=="s"; key=sys.argv[4] if len(sys.argv)>4 else "sy-bench-key"
body={"model":"gpt-4o-mini","max_completion_tokens":64,"messages":[{"role":"user","content":"Benchmark me, briefly."}]}
if stream: body["stream"]=True; body["stream_options"]={"include_usage":True}
b=json.dumps(body).encode()
c=http.client.HTTPConnection("127.0.0.1",port)
n=0; end=time.time()+secs; lat=[]
while time.time()<end:
    t=time.perf_counter()
    c.request("POST","/v1/chat/completions",b,{"Authorization":"Bearer "+key,"Content-Type":"application/json"})
    r=c.getresponse(); d=r.read(); lat.append(time.perf_counter()-t)
    if r.status!=200: print(r.status,d[:200]); break
    n+=1
lat.sort()
print(n, "req", n/secs, "rps p50 ms", lat[len(lat)//2]*1000, "p99", lat[int(len(lat)*.99)]*1000)
