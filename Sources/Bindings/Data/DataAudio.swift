import Datasets
import LuaHost
import Tensors

// WAV audio: recordings as float32 tensors of frames x channels, samples in [-1, 1].

func declareDataAudio(_ module: LuaModule) {
    module.declareTranslatingErrors("read_wav", LuaSignature(
        parameters: [LuaParameter("path", .string, "the file")],
        returns: "a table {samples, rate, channels, frames, format, duration, source}",
        summary: """
            A WAV file (PCM 8 or 16 bits, or float 32 bits; any number of channels), as scipy.io.wavfile.read. \
            samples: a float32 tensor of frames x channels in [-1, 1]; rate: samples per second; format: \
            'pcm8', 'pcm16' or 'float32'; duration: seconds.
            """,
        example: """
            data.write_wav('tone.wav', tensor.linspace(-1, 1, 8000), {rate = 8000})
            local audio = data.read_wav('tone.wav')
            print(audio.rate, audio.frames, audio.format, audio.duration)
            """)) { call in
        let path = try call.argument(1, as: String.self)
        let audio = try WAV.read(path: path)
        let samples = try Tensor(audio.samples, shape: [audio.frames, audio.channels])
        return call.push(LuaRecord([
            ("samples", call.value(samples)), ("rate", audio.sampleRate), ("channels", audio.channels),
            ("frames", audio.frames), ("format", audio.format.rawValue),
            ("duration", Double(audio.frames) / Double(audio.sampleRate)), ("source", path),
        ]))
    }

    module.declareTranslatingErrors("write_wav", LuaSignature(
        parameters: [LuaParameter("path", .string, "the file to write"),
                     LuaParameter("samples", .tensor, "float32, 1-D (mono) or frames x channels, in [-1, 1] (PCM formats clip what lies outside)")],
        options: [LuaOption("rate", .integer, "samples per second (required)"),
                  LuaOption("format", .choice(WAV.SampleFormat.allCases.map(\.rawValue)), default: .string(WAV.SampleFormat.pcm16.rawValue),
                            "how samples are stored")],
        summary: "Writes a WAV file atomically, as scipy.io.wavfile.write.",
        example: """
            local t = tensor.arange(0, 800):float():div(8000)
            data.write_wav('beep.wav', (t * 2 * math.pi * 440):sin(), {rate = 8000, format = 'pcm8'})
            print(data.read_wav('beep.wav').format)
            """)) { call in
        let path = try call.argument(1, as: String.self)
        let samples = try call.tensor(2)
        let options = try call.options(3)
        guard let rate = try options.optional("rate", as: Int.self) else {
            throw LuaError.message("\(call.name): option 'rate' (samples per second) is required, e.g. {rate = 16000}")
        }
        let format = WAV.SampleFormat(rawValue: try options.value("format")) ?? .pcm16
        try options.rejectUnknown()
        guard samples.dtype == .float32, samples.rank == 1 || samples.rank == 2 else {
            throw call.invalid(2, "must be a float32 tensor, 1-D (mono) or frames x channels, got \(samples.dtype) of shape \(samples.shape)")
        }
        let channels = samples.rank == 1 ? 1 : samples.shape[1]
        let audio = WAV.Audio(sampleRate: rate, channels: channels, format: format,
                              samples: try samples.toArray(Float.self))
        try WAV.write(audio, to: path)
        return 0
    }
}
