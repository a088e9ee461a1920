-- Memory of the running lunette process, for tests that bound it (Linux /proc).
local process = {}

local page = 4096

--- Resident memory now, in bytes.
function process.resident_bytes()
  local statm = io.open('/proc/self/statm'):read('a')
  return tonumber(statm:match('^%d+ (%d+)')) * page
end

--- The highest resident memory of the process so far (VmHWM), in bytes.
function process.peak_resident_bytes()
  local status = io.open('/proc/self/status'):read('a')
  return tonumber(status:match('VmHWM:%s*(%d+) kB')) * 1024
end

return process
