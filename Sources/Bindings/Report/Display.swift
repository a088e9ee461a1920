import Foundation

/// How `show(x)` presents a value: a picture (PNG bytes) with a one-line summary for the terminal, or
/// text. Bindings whose objects can be looked at register a renderer for their class with
/// `ScriptNotebook.showable` (an image or a chart gives a picture, a tensor its text).
public struct Display {
    /// PNG bytes, or nil for text.
    public let png: Data?
    /// The text shown, or for a picture what the terminal says about it (`Image 28x28 grey`).
    public let text: String

    public static func picture(png: Data, summary: String) -> Display { Display(png: png, text: summary) }

    public static func text(_ text: String) -> Display { Display(png: nil, text: text) }
}
