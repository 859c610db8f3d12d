-- wrk script for bench/intake: POST /api/v1/app/messages with a unique message_id per request,
-- spread over 1,000 citizens, so every request is a new durable turn (no deduplication hits).
-- An argument after `--` prefixes the ids, so a second run against the same server (a warm-up
-- first) sends new messages, not retries.
local counter = 0
local thread_id = 0
local prefix = "t"
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
  prefix = args[1] or "t"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer bench-app-token-0123456789"
end

function request()
  counter = counter + 1
  local user = (counter * 7 + thread_id) % 1000
  local body = string.format(
    '{"user_id":"bench-%d","text":"xin chào, tôi muốn tra cứu hồ sơ","message_id":"%s%d-%d"}',
    user, prefix, thread_id, counter)
  return wrk.format(nil, nil, nil, body)
end
