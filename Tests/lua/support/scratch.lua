-- Paths for files a test writes, inside one fresh folder that remove() deletes again:
--   local scratch = require('support.scratch').new()
--   image.save(scratch:path('out/a.png'), t)       -- folders on the way may be made by the code tested
--   scratch:remove()
local scratch = {}
scratch.__index = scratch

function scratch.new()
  local marker = os.tmpname()     -- a fresh empty file; the folder is named after it
  return setmetatable({marker = marker, folder = marker .. '.d', paths = {}}, scratch)
end

--- A path inside the scratch folder (`name` may contain folders).
function scratch:path(name)
  local path = self.folder .. '/' .. name
  self.paths[#self.paths + 1] = path
  return path
end

--- Removes every file handed out, the folders between them and the scratch folder, then the marker.
function scratch:remove()
  local folders = {}
  for _, path in ipairs(self.paths) do
    os.remove(path)
    local folder = path:match('^(.*)/[^/]*$')
    while folder and #folder > #self.folder do
      folders[folder] = true
      folder = folder:match('^(.*)/[^/]*$')
    end
  end
  local deepest_first = {}
  for folder in pairs(folders) do deepest_first[#deepest_first + 1] = folder end
  table.sort(deepest_first, function(a, b) return #a > #b end)
  for _, folder in ipairs(deepest_first) do os.remove(folder) end
  os.remove(self.folder)
  os.remove(self.marker)
end

return scratch
