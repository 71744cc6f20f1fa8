-- wrk script for bench/load.sh: a mix of lookups (three in four requests)
-- and lints of a short article (one in four), with queries taken from the
-- store's own terms (some with a letter dropped, as people type), and the
-- 50th, 95th and 99th percentiles and the error count printed at the end.
--
-- The queries come from the file named by the QUERIES environment
-- variable, one per line; the article from ARTICLE.

local queries = {}
local article = ""

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  queries = read_lines(os.getenv("QUERIES"))
  local f = assert(io.open(os.getenv("ARTICLE"), "rb"))
  article = f:read("*a")
  f:close()
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local counter = 0

function request()
  counter = counter + 1
  if counter % 4 == 0 then
    return wrk.format("POST", "/api/v1/lint?lang=id", { ["Content-Type"] = "text/plain" }, article)
  end
  local q = queries[math.random(#queries)]
  return wrk.format("GET", "/api/v1/lookup?limit=10&q=" .. urlencode(q))
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
