-- wrk reporter: one line with p50/p95/p99 latency (ms) and requests/s, parsed by scripts/bench.
local cookie = os.getenv("WAYPOST_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = "wp_session=" .. cookie
end
wrk.headers["Accept-Language"] = "zh-CN"

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT p50=%.2f p95=%.2f p99=%.2f rps=%.1f requests=%d errors=%d non2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / secs, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
