-- WAV files through the `data` module: written here, read back in every sample format, mono and
-- stereo; damaged files give a Lua error naming the file, with the script's line.
local check = require 'support.check'
local probe = require 'support.probe'
local data, tensor = require 'data', require 'tensor'

local folder = probe.folder()
local function file(name, bytes) return probe.write(folder .. '/' .. name, bytes) end

-- A sine of 440 Hz at 8 kHz, 0.8 of full scale: 400 frames.
local frames = 400
local sine = tensor.arange(0, frames):float():mul(2 * math.pi * 440 / 8000):sin():mul(0.8)

check.test('write_wav / read_wav round trip in every format, mono and stereo', function()
  local stereo = tensor.stack({sine, sine:neg()}, 2)
  for _, format in ipairs {'pcm8', 'pcm16', 'float32'} do
    for _, samples in ipairs {sine, stereo} do
      local path = folder .. '/' .. format .. '.wav'
      data.write_wav(path, samples, {rate = 8000, format = format})
      local wav = data.read_wav(path)
      local channels = samples:dim() == 1 and 1 or 2
      check.equal(wav.rate, 8000)
      check.equal(wav.channels, channels)
      check.equal(wav.frames, frames)
      check.equal(wav.format, format)
      check.near(wav.duration, frames / 8000, 1e-12)
      check.same(probe.shape(wav.samples), {frames, channels})
      -- Half a quantization step of the format at most.
      local step = ({pcm8 = 1 / 128, pcm16 = 1 / 32768, float32 = 0})[format]
      local err = (wav.samples - samples:reshape {frames, channels}):abs():max():item()
      check.truthy(err <= step / 2 + 1e-7, format .. ': round-trip error ' .. err)
    end
  end
end)

check.test('write_wav: the default is 16-bit PCM; the header says so', function()
  local path = folder .. '/default.wav'
  data.write_wav(path, sine, {rate = 16000})
  local bytes = probe.read_file(path)
  check.equal(#bytes, 44 + 2 * frames)
  local riff, fmt_code, channels, rate, bits = string.unpack('<c4', bytes), string.unpack('<I2', bytes, 21),
    string.unpack('<I2', bytes, 23), string.unpack('<I4', bytes, 25), string.unpack('<I2', bytes, 35)
  check.same({riff, fmt_code, channels, rate, bits}, {'RIFF', 1, 1, 16000, 16})
end)

check.test('write_wav: bad arguments are named', function()
  local path = folder .. '/bad.wav'
  check.raises(function() data.write_wav(path, sine) end, "option 'rate' (samples per second) is required")
  check.raises(function() data.write_wav(path, sine, {rate = 8000, format = 'mp3'}) end, "option 'format' must be one of 'pcm8', 'pcm16', 'float32', got 'mp3'")
  check.raises(function() data.write_wav(path, sine:long(), {rate = 8000}) end, 'must be a float32 tensor')
  check.raises(function() data.write_wav(path, sine:reshape {2, 2, 100}, {rate = 8000}) end, 'shape (2, 2, 100)')
  check.raises(function() data.write_wav(path, sine, {rate = 0}) end, 'the sample rate must be positive')
  check.raises(function() data.write_wav(path, sine, {rate = 8000, bits = 16}) end, 'bits')
  local nan = sine:clone()
  nan[5] = 0 / 0
  check.raises(function() data.write_wav(path, nan, {rate = 8000}) end, 'only finite values can be written')
end)

check.test('read_wav: damaged files name the file and the byte, with the script line', function()
  local whole = folder .. '/whole.wav'
  data.write_wav(whole, sine, {rate = 8000})
  local bytes = probe.read_file(whole)
  local cut = file('cut.wav', bytes:sub(1, 100))
  local message = check.raises(function() data.read_wav(cut) end,
    "cut.wav at byte 36: the 'data' chunk says 800 bytes but the file has 56 left")
  check.truthy(message:find('test_data_audio.lua:%d+:'), 'no script line in: ' .. message)
  local huge = file('huge.wav', bytes:sub(1, 40) .. string.pack('<I4', 0xFFFFFFFF) .. bytes:sub(45))
  check.raises(function() data.read_wav(huge) end, 'says 4294967295 bytes')
  check.raises(function() data.read_wav(file('text.wav', 'just some text, not audio')) end, 'text.wav at byte 0: this is not a WAV file')
  local b24 = file('b24.wav', bytes:sub(1, 34) .. string.pack('<I2', 24) .. bytes:sub(37))
  check.raises(function() data.read_wav(b24) end, 'unsupported sample format (code 1, 24 bits)')
  check.raises(function() data.read_wav(folder .. '/absent.wav') end, 'absent.wav: no such file')
end)

probe.cleanup()
check.done()
