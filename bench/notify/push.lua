-- wrk script for bench/notify: signed status pushes (POST /api/v1/notifications), each with its
-- own webhook-id and recipient number, from the lines sign.py wrote (wrk's Lua has no HMAC).
-- Usage: wrk ... -s bench/notify/push.lua URL -- SIGNED_FILE THREADS
-- Thread k of THREADS sends lines k, k+THREADS, ...; it stops when its share runs out.

-- Must match BODY in sign.py byte for byte.
local BODY = '{"dossier_code":"000.00.12.H29-241023-0001","procedure_code":"1.001193",'
  .. '"status":"result_ready","recipient":{"phone":"+8490%07d"},'
  .. '"occurred_at":"2026-11-23T04:54:13Z"}'

local threads = {}
local entries = {}
local next_entry = 1

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  local line_no = 0
  for line in io.lines(file) do
    if line_no % nthreads == id then
      local wid, ts, sig, n = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t(%d+)$")
      entries[#entries + 1] = {wid, ts, sig, tonumber(n)}
    end
    line_no = line_no + 1
  end
end

function request()
  local e = entries[next_entry]
  if e == nil then
    wrk.thread:stop()
    e = entries[#entries]  -- a repeat of the last push (an idempotent 202), never sent twice
  end
  next_entry = next_entry + 1
  local body = string.format(BODY, e[4] % 10000000)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["webhook-id"] = e[1],
    ["webhook-timestamp"] = e[2],
    ["webhook-signature"] = e[3],
  }, body)
end
