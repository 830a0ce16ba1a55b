wrk.method = "POST"
wrk.body = '{"model":"gpt-4o-mini","max_completion_tokens":64,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Benchmark me, briefly."}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sy-bench-key"
