import Datasets
import LuaHost
import Tensors

// WAV audio: recordings as float32 tensors of frames x channels, samples in [-1, 1].

func registerDataAudio(_ module: LuaModule) {
    /// data.read_wav(path) -> {samples, rate, channels, frames, format, duration, source}
    ///   A WAV file (PCM 8 or 16 bits, or float 32 bits; any number of channels). samples: a float32
    ///   tensor of frames x channels in [-1, 1]; rate: samples per second; format: 'pcm8', 'pcm16' or
    ///   'float32'; duration: seconds.
    dataFunction(module, "read_wav") { call in
        let path = try call.argument(1, as: String.self)
        let audio = try WAV.read(path: path)
        let samples = try Tensor(audio.samples, shape: [audio.frames, audio.channels])
        return call.push(LuaRecord([
            ("samples", call.value(samples)), ("rate", audio.sampleRate), ("channels", audio.channels),
            ("frames", audio.frames), ("format", audio.format.rawValue),
            ("duration", Double(audio.frames) / Double(audio.sampleRate)), ("source", path),
        ]))
    }

    /// data.write_wav(path, samples, {rate=, format='pcm16'})
    ///   Writes a WAV file atomically. samples: a float32 tensor, 1-D (mono) or frames x channels, values
    ///   in [-1, 1] (PCM formats clip what lies outside); rate: samples per second (required); format:
    ///   'pcm16' (the default), 'pcm8' or 'float32'.
    dataFunction(module, "write_wav") { call in
        let path = try call.argument(1, as: String.self)
        let samples = try call.tensor(2)
        let options = try call.options(3)
        guard let rate = try options.optional("rate", as: Int.self) else {
            throw LuaError.message("\(call.name): option 'rate' (samples per second) is required, e.g. {rate = 16000}")
        }
        let formatName = try options.optional("format", as: String.self) ?? "pcm16"
        try options.rejectUnknown()
        guard let format = WAV.SampleFormat(rawValue: formatName) else {
            let names = WAV.SampleFormat.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw LuaError.message("\(call.name): option 'format' is '\(formatName)'; it must be one of \(names)")
        }
        guard samples.dtype == .float32, samples.rank == 1 || samples.rank == 2 else {
            throw call.invalid(2, "must be a float32 tensor, 1-D (mono) or frames x channels, got \(samples.dtype) of shape \(shapeText(samples))")
        }
        let channels = samples.rank == 1 ? 1 : samples.shape[1]
        let audio = WAV.Audio(sampleRate: rate, channels: channels, format: format,
                              samples: try samples.toArray(Float.self))
        try WAV.write(audio, to: path)
        return 0
    }
}
