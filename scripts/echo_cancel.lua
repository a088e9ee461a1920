-- %% Adaptive echo cancellation: an ADALINE learns the echo path
-- The homework (question 1 of the long write-up): on a long-distance line, or in a room with a
-- loudspeaker and a microphone, the far-end talker's voice x comes back as an echo h: the signal
-- through an unknown linear path. A single linear neuron (ADALINE) reads a tapped delay line of x,
-- P = [x(k), x(k-1), ..., x(k-m)], predicts the echo a(k) = w . P, and the error e(k) = h(k) - a(k)
-- is both what is sent back to the far end (the cleaned signal) and what trains it:
-- w <- w + alpha e P (Widrow-Hoff, LMS). As the homework notes, a sign threshold (an SLPR) could only
-- say 0 or 1 per neuron; the linear ADALINE outputs the echo's value directly. Speech is far from
-- white noise, so the step is normalized by the power in the delay line (NLMS), which keeps it
-- stable whatever the loudness; no bias input, since an echo has no constant part.
--
--   lunette run scripts/echo_cancel.lua [--full] [output folder]    (default folder: out/echo_cancel)
--
-- The far-end speech is a real recording made with espeak-ng (data/speech/README.md says how). The
-- quick mode uses a room with a direct path and three reflections (64 taps); --full a reverberant
-- room (an exponentially decaying tail over 200 taps, 25 ms) and a 256-tap filter.
local experiment = require 'lunette.experiment'
local run = experiment.setup('echo_cancel', arg)

local tensor, data, plot, report = require 'tensor', require 'data', require 'plot', require 'report'
report.open(run.output, {title = 'Adaptive echo cancellation with an ADALINE (NLMS)'})
local settings = {
  taps = run.full and 256 or 64,          -- m + 1 weights in the delay line
  step = 0.5,                             -- alpha of NLMS, between 0 and 2
  noise_dbfs = -60,                       -- the microphone's own noise floor
  converged_after = 3,                    -- seconds; the outcome is measured after this
  block = 0.25,                           -- seconds per point of the echo-reduction curve
  seed = 7,
}
experiment.print_settings(settings)
print(string.format('mode: %s; output: %s', run.full and 'full' or 'quick', run.output))
tensor.manual_seed(settings.seed)

-- %% The far-end speech
local speech = data.read_wav(run.folder('speech') .. '/far_end.wav')
print(string.format('%s: %d Hz, %d channel(s), %s, %d samples (%.1f s)', speech.source, speech.rate,
  speech.channels, speech.format, speech.frames, speech.duration))
local rate = speech.rate
local x = speech.samples:select(2, 1):totable()
local n = #x

-- %% The room: the echo path h and the microphone signal
-- Taps of the path, delays in samples (1 = no delay). The loudspeaker's direct sound reaches the
-- microphone after 11 samples (1.4 ms), then reflections from walls; values are the gains.
local path = {}
if run.full then
  local tail = tensor.randn {200}:totable()
  for j = 1, 200 do path[j] = j < 12 and 0 or 0.15 * tail[j] * math.exp(-(j - 12) / 40) end
  path[12] = 0.6
else
  for j = 1, 60 do path[j] = 0 end
  path[12], path[25], path[41], path[57] = 0.6, -0.3, 0.2, -0.1
end
print(string.format('echo path: %d taps, %d of them non-zero', #path, (function()
  local count = 0
  for _, g in ipairs(path) do if g ~= 0 then count = count + 1 end end
  return count end)()))

local noise = tensor.randn {n}:mul(10 ^ (settings.noise_dbfs / 20)):totable()
local echo, mic = {}, {}
for k = 1, n do
  local sum = 0
  for j = 1, math.min(#path, k) do sum = sum + path[j] * x[k - j + 1] end
  echo[k] = sum
  mic[k] = sum + noise[k]
end

-- %% The ADALINE trained by normalized LMS, one sample at a time
-- eps keeps the step bounded in the pauses, where the delay line holds only a few small samples
-- and the error is the microphone's noise: it is the power of a line of -50 dBFS samples.
local taps, alpha, eps = settings.taps, settings.step, settings.taps * 1e-5
local w, line = {}, {}
for j = 1, taps do w[j], line[j] = 0, 0 end
local cleaned = {}
local started = os.clock()
for k = 1, n do
  -- Shift the delay line (a ring would be faster; this reads like the formula).
  for j = taps, 2, -1 do line[j] = line[j - 1] end
  line[1] = x[k]
  local a, power = 0, 0
  for j = 1, taps do a, power = a + w[j] * line[j], power + line[j] * line[j] end
  local e = mic[k] - a
  cleaned[k] = e
  local gain = alpha * e / (eps + power)
  for j = 1, taps do w[j] = w[j] + gain * line[j] end
end
print(string.format('adapted %d weights over %d samples in %.1f s', taps, n, os.clock() - started))

-- %% Write the microphone and the cleaned signal as WAV files to listen to
local mic_path, cleaned_path = run.output .. '/microphone.wav', run.output .. '/cleaned.wav'
data.write_wav(mic_path, tensor.tensor(mic), {rate = rate})
data.write_wav(cleaned_path, tensor.tensor(cleaned), {rate = rate})
print('wrote ' .. mic_path .. ' and ' .. cleaned_path)

-- %% Echo reduction over time
-- ERLE (echo return loss enhancement) per block: 10 log10 of the microphone's power over the cleaned
-- signal's. Blocks where the far end is silent have no echo to remove and are left out.
local block = math.floor(settings.block * rate)
local echo_floor = 10 ^ ((settings.noise_dbfs + 20) / 10)  -- echo power 20 dB above the noise
local times, erle = {}, {}
for first = 1, n - block + 1, block do
  local p_mic, p_clean, p_echo = 0, 0, 0
  for k = first, first + block - 1 do
    p_mic, p_clean, p_echo = p_mic + mic[k] ^ 2, p_clean + cleaned[k] ^ 2, p_echo + echo[k] ^ 2
  end
  if p_echo / block > echo_floor then
    times[#times + 1] = (first + block / 2) / rate
    erle[#erle + 1] = 10 * math.log(p_mic / p_clean, 10)
  end
end
plot.chart {title = string.format('Echo reduction (ERLE) per %.2f s block, %d-tap ADALINE, NLMS alpha = %.1f',
                                  settings.block, taps, alpha),
            xlabel = 'time (s)', ylabel = 'dB', width = 900, height = 420}
  :line(times, erle, {label = 'ERLE', markers = true})
  :line({times[1], times[#times]}, {20, 20}, {label = '20 dB', color = '#d62728'})
  :save(run.output .. '/erle.png')

-- %% The signals: microphone (echo) and what is left after cancellation
local seconds, mic_show, clean_show = {}, {}, {}
for k = 1, n, 8 do
  seconds[#seconds + 1], mic_show[#mic_show + 1], clean_show[#clean_show + 1] = k / rate, mic[k], cleaned[k]
end
plot.chart {title = 'Microphone signal and cleaned signal', xlabel = 'time (s)', ylabel = 'amplitude',
            width = 1000, height = 420}
  :line(seconds, mic_show, {label = 'microphone (echo + noise)', linewidth = 1})
  :line(seconds, clean_show, {label = 'cleaned (error e)', linewidth = 1})
  :save(run.output .. '/signals.png')

-- %% The learned weights against the true echo path
local lags, true_taps, learned = {}, {}, {}
local misalignment, norm = 0, 0
for j = 1, taps do
  lags[j], true_taps[j], learned[j] = j - 1, path[j] or 0, w[j]
  misalignment, norm = misalignment + (w[j] - true_taps[j]) ^ 2, norm + true_taps[j] ^ 2
end
for j = taps + 1, #path do misalignment, norm = misalignment + path[j] ^ 2, norm + path[j] ^ 2 end
local misalignment_db = 10 * math.log(misalignment / norm, 10)
print(string.format('weights against the true path: misalignment %.1f dB (|w - h|^2 / |h|^2)', misalignment_db))
plot.chart {title = string.format('Echo path: true taps and learned weights (misalignment %.1f dB)', misalignment_db),
            xlabel = 'delay (samples)', ylabel = 'gain', width = 900, height = 420}
  :line(lags, true_taps, {label = 'true echo path', markers = true})
  :line(lags, learned, {label = 'ADALINE weights w', markers = true})
  :save(run.output .. '/weights.png')

-- %% Outcome: the echo reduction after convergence, measured on the written WAV files
-- The files are read back and compared by RMS over the part after convergence, so what a student
-- hears is what is checked (16-bit quantization included).
local function rms(t) return t:pow(2):mean():sqrt():item() end
local first = math.floor(settings.converged_after * rate) + 1
local heard_mic = data.read_wav(mic_path).samples:select(2, 1):narrow(1, first, n - first + 1)
local heard_clean = data.read_wav(cleaned_path).samples:select(2, 1):narrow(1, first, n - first + 1)
local mic_rms, clean_rms = rms(heard_mic), rms(heard_clean)
local reduction = 20 * math.log(mic_rms / clean_rms, 10)
print(string.format('RMS after %.0f s: microphone %.5f, cleaned %.5f', settings.converged_after, mic_rms, clean_rms))
print(string.format('ECHO reduction %.1f dB after convergence (from %.0f s on); misalignment %.1f dB',
  reduction, settings.converged_after, misalignment_db))
experiment.check(reduction >= 20, 'echo reduced by %.1f dB >= 20 dB after convergence', reduction)
