/// The Lua half of the notebook's cells, run once before a script (the Swift half is the module
/// `lunette.cells`, see CellStateModule.swift).
///
/// `__lunette_cell(n, locals)` marks where cell n starts (`locals` is a function whose upvalues are the
/// top-level locals visible there). While the cell cache is on, it first saves the state the previous
/// cell left: the values of the top-level locals and the script's globals that later cells mention,
/// the functions and tables they reach, and both random generators. The state is written as a Lua
/// table constructor of constants (read back with an empty environment, so loading it runs no code),
/// with tensors, models (with their optimizer state and compile arguments) and function bytecode in
/// files named by their content. A value it cannot save (an open file, a C function of no module, an
/// object of another class) stops the cache with a one-line reason.
///
/// `local a, b = __lunette_restore(n)` puts back the state cell n left, and
/// `__lunette_restored(function() return a, b end)` makes restored functions share those locals again.
///
/// Lua's own file readers (`io.open`, `io.lines`, `dofile`, `loadfile`, `require`) note what they read,
/// so a cell's cache entry can depend on those files.
let cellStateLuaSource = #"""
local native = require 'lunette.cells'
local getupvalue, setupvalue, upvalueid, upvaluejoin = debug.getupvalue, debug.setupvalue, debug.upvalueid, debug.upvaluejoin
local format = string.format

-- Lua's readers note the files they open for reading.
local io_open, io_lines, lua_dofile, lua_loadfile, lua_require = io.open, io.lines, dofile, loadfile, require
local function note(path) if type(path) == 'string' then native.note_read(path) end end
function io.open(path, mode, ...)
  local file, message, code = io_open(path, mode, ...)
  if file and (mode == nil or tostring(mode):sub(1, 1) == 'r') then note(path) end
  return file, message, code
end
function io.lines(path, ...) note(path); return io_lines(path, ...) end
function dofile(path) note(path); return lua_dofile(path) end
function loadfile(path, ...) note(path); return lua_loadfile(path, ...) end

-- The arguments each model was compiled with, to compile its restored copy the same way.
local compiled_with = setmetatable({}, {__mode = 'k'})
local model_class_wrapped = false
local function wrap_model_class()
  if model_class_wrapped then return end
  for _, class in pairs(debug.getregistry()) do
    if type(class) == 'table' and rawget(class, '__name') == 'Model' then
      local index = class.__index
      local function compile(self, ...)
        compiled_with[self] = table.pack(...)
        return index(self, 'compile')(self, ...)
      end
      class.__index = function(self, key)
        if key == 'compile' then return compile end
        return index(self, key)
      end
      model_class_wrapped = true
      return
    end
  end
end
wrap_model_class()
function require(name, ...)
  local module, data = lua_require(name, ...)
  if type(data) == 'string' and data ~= ':preload:' then note(data) end
  wrap_model_class()
  return module, data
end

-- The seeds given to tensor.manual_seed go into the report's header.
local tensor = lua_require 'tensor'
local manual_seed = tensor.manual_seed
function tensor.manual_seed(seed, ...)
  native.note_seed(seed)
  return manual_seed(seed, ...)
end

-- The globals as the script finds them: those it sets or changes are part of a cell's state.
local baseline = {}
for name, value in pairs(_G) do baseline[name] = value end

-- Values of the loaded modules (and their fields) are saved by name, not by content.
local function library_names()
  local names = {}
  for name, module in pairs(package.loaded) do
    if type(module) ~= 'boolean' and names[module] == nil then names[module] = {name} end
  end
  for name, module in pairs(package.loaded) do
    if type(module) == 'table' then
      -- Of the globals, only those the script found: the ones it sets are its state.
      for key, value in pairs(module == _G and baseline or module) do
        local kind = type(value)
        if type(key) == 'string' and (kind == 'table' or kind == 'function' or kind == 'userdata') and names[value] == nil then
          names[value] = {name, key}
        end
      end
    end
  end
  return names
end

-- Encodes values as constructors of constants; nodes (tables, tensors, models, functions) once each,
-- so values shared between variables stay shared.
local function encoder(top_level)
  local library, nodes, ids, files, needed = library_names(), {}, {}, {}, {}
  local top_by_id = {}
  for i = 1, 255 do
    local name = getupvalue(top_level, i)
    if name == nil then break end
    top_by_id[upvalueid(top_level, i)] = name
  end
  local encode
  local function node(value, make)
    local id = ids[value]
    if id == nil then
      id = #nodes + 1
      ids[value], nodes[id] = id, false
      nodes[id] = make()
    end
    return '{r=' .. id .. '}'
  end
  local function stored(file) files[#files + 1] = file; return format('%q', file) end
  encode = function(value, where)
    local kind = type(value)
    if kind == 'nil' then return '{n=1}' end
    if kind == 'number' or kind == 'string' or kind == 'boolean' then return format('%q', value) end
    local name = library[value]
    if name then return format('{lib=%q,field=%s}', name[1], name[2] and format('%q', name[2]) or 'nil') end
    if kind == 'table' then
      return node(value, function()
        local parts = {}
        for k, v in next, value do parts[#parts + 1] = '{' .. encode(k, where) .. ',' .. encode(v, where) .. '}' end
        local meta = debug.getmetatable(value)
        return '{table={' .. table.concat(parts, ',') .. '}' .. (meta and ',meta=' .. encode(meta, where) or '') .. '}'
      end)
    end
    if kind == 'function' then
      return node(value, function()
        if debug.getinfo(value, 'S').what == 'C' then error(where .. ' holds a C function of no loaded module', 0) end
        local upvalues = {}
        for i = 1, 255 do
          local upvalue, content = getupvalue(value, i)
          if upvalue == nil then break end
          local top = top_by_id[upvalueid(value, i)]
          if top then
            needed[top] = true
            upvalues[i] = format('{top=%q}', top)
          elseif upvalue == '_ENV' and content == _G then
            upvalues[i] = '{env=1}'
          else
            upvalues[i] = '{value=' .. encode(content, where .. format(' (through upvalue %s of a function)', upvalue)) .. '}'
          end
        end
        return format('{func=%s,upvalues={%s}}', stored(native.store(string.dump(value))), table.concat(upvalues, ','))
      end)
    end
    if kind == 'userdata' then
      if native.is_tensor(value) then
        return node(value, function() return '{tensor=' .. stored(native.save_tensor(value)) .. '}' end)
      end
      if native.is_model(value) then
        return node(value, function()
          local arguments = compiled_with[value]
          if arguments == nil and native.is_compiled(value) then
            error(where .. ' holds a model compiled before the cache could see how', 0)
          end
          local saved, file = pcall(native.save_model, value)
          if not saved then error(where .. ' holds ' .. tostring(file):gsub('^[^:]*:%d+: ', ''), 0) end
          file = stored(file)
          return '{model=' .. file .. (arguments and ',compile=' .. encode(arguments, where .. ' (its compile arguments)') or '') .. '}'
        end)
      end
      if io.type(value) then error(where .. ' holds an open file', 0) end
      local meta = debug.getmetatable(value)
      local class = type(meta) == 'table' and rawget(meta, '__name') or 'userdata'
      error(format('%s holds a %s object, which the cache cannot save', where, class), 0)
    end
    error(format('%s holds a %s, which the cache cannot save', where, kind), 0)
  end
  return {encode = encode, nodes = nodes, files = files, needed = needed}
end

local function set(list)
  local members = {}
  for _, name in ipairs(list) do members[name] = true end
  return members
end

local function math_random_state()
  local _, state = getupvalue(math.random, 1)
  return state
end

-- Saves the state cell `number` left; tells the Swift side where it is, or why it could not be saved.
local function save(number, top_level)
  local later, anywhere = set(native.mentioned_after(number)), set(native.mentioned_anywhere())
  local ok, problem = pcall(function()
    top_level = top_level or function() end
    local coder = encoder(top_level)
    local visible, values = {}, {}
    for i = 1, 255 do
      local name, value = getupvalue(top_level, i)
      if name == nil then break end
      visible[#visible + 1], values[name] = name, {value}
    end
    local locals, encoded, omitted, globals = {}, {}, {}, {}
    -- Globals first: their functions may need top-level locals no later cell mentions.
    for name, value in pairs(_G) do
      if type(name) == 'string' and baseline[name] ~= value and not name:find('^__lunette') then
        if anywhere[name] then globals[#globals + 1] = format('{%q,%s}', name, coder.encode(value, format('global `%s`', name)))
        else omitted[#omitted + 1] = name end
      end
    end
    for _, name in ipairs(visible) do if later[name] then coder.needed[name] = true end end
    repeat -- functions reach more top-level locals through their upvalues
      local more = false
      for _, name in ipairs(visible) do
        if coder.needed[name] and not encoded[name] then
          encoded[name] = coder.encode(values[name][1], format('local `%s`', name))
          more = true
        end
      end
    until not more
    for _, name in ipairs(visible) do
      if encoded[name] then locals[#locals + 1] = format('{%q,%s}', name, encoded[name])
      else omitted[#omitted + 1] = name end
    end
    local generator = table.concat(native.random_state(), ',')
    local manifest = format('return {nodes={%s},locals={%s},globals={%s},random={%s},math_random=%q}',
      table.concat(coder.nodes, ','), table.concat(locals, ','), table.concat(globals, ','), generator,
      native.userdata_bytes(math_random_state()))
    local names = {}
    for _, name in ipairs(visible) do if encoded[name] then names[#names + 1] = name end end
    native.state_saved(number, manifest, names, omitted, coder.files)
  end)
  if not ok then native.state_failed(number, tostring(problem)) end
end

function __lunette_cell(number, top_level)
  native.cell_reached()
  if number > 1 and native.caching(number - 1) then save(number - 1, top_level) end
  native.start_cell(number)
end

-- Restore: functions whose upvalues were top-level locals wait to be joined to the new locals.
local pending_joins = {}

function __lunette_restore(number)
  local text = native.replay(number)
  if text == nil then return end
  local manifest = load(text, '=cell cache', 't', {})()
  local objects = {}
  local function value(ref)
    if type(ref) ~= 'table' then return ref end
    if ref.n then return nil end
    if ref.r then return objects[ref.r] end
    local module = package.loaded[ref.lib] or require(ref.lib)
    if ref.field then return module[ref.field] end
    return module
  end
  for id, node in ipairs(manifest.nodes) do
    if node.table then objects[id] = {}
    elseif node.tensor then objects[id] = native.load_tensor(node.tensor)
    elseif node.model then objects[id] = native.load_model(node.model)
    elseif node.func then objects[id] = load(native.read(node.func), nil, 'b') end
  end
  for id, node in ipairs(manifest.nodes) do
    local object = objects[id]
    if node.table then
      for _, pair in ipairs(node.table) do rawset(object, value(pair[1]), value(pair[2])) end
      if node.meta then debug.setmetatable(object, value(node.meta)) end
    elseif node.func then
      for i, upvalue in pairs(node.upvalues) do
        if upvalue.env then setupvalue(object, i, _G)
        elseif upvalue.top then pending_joins[#pending_joins + 1] = {object, i, upvalue.top}
        else setupvalue(object, i, value(upvalue.value)) end
      end
    end
  end
  for id, node in ipairs(manifest.nodes) do
    if node.model and node.compile then
      local arguments = value(node.compile)
      objects[id]:compile(table.unpack(arguments, 1, arguments.n))
      native.load_optimizer_state(objects[id], node.model)
    end
  end
  for _, pair in ipairs(manifest.globals) do rawset(_G, pair[1], value(pair[2])) end
  native.set_random_state(manifest.random)
  native.set_userdata_bytes(math_random_state(), manifest.math_random)
  local locals = {}
  for i, pair in ipairs(manifest.locals) do locals[i] = value(pair[2]) end
  return table.unpack(locals, 1, #manifest.locals)
end

function __lunette_restored(top_level)
  local index = {}
  for i = 1, 255 do
    local name = getupvalue(top_level, i)
    if name == nil then break end
    index[name] = i
  end
  for _, join in ipairs(pending_joins) do upvaluejoin(join[1], join[2], top_level, index[join[3]]) end
  pending_joins = {}
end
"""#
