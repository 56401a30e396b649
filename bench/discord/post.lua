-- wrk script for bench/discord/run.sh: POSTs one pre-signed Discord interaction over and over.
-- The body and its signature headers come from the environment (run.sh signs them per phase).
local function need(name)
  local v = os.getenv(name)
  if v == nil or v == "" then error("post.lua: " .. name .. " is not set") end
  return v
end

wrk.method = "POST"
wrk.body = need("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature-Ed25519"] = need("BENCH_SIGNATURE")
wrk.headers["X-Signature-Timestamp"] = need("BENCH_TIMESTAMP")
