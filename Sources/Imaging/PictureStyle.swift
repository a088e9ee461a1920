/// The defaults and accepted values of the picture-making functions (`Image.grid`,
/// `Colormap.colorbar`, `Image.heatmapOverlay`, resizing): the functions and their callers (the Lua
/// `image` module declares these as its options' defaults) read them here, so each is stated once.
public enum PictureStyle {
    /// Pixels between and around the cells of a grid.
    public static let gridPadding = 2
    public static let gridPaddings = 0...1000
    public static let gridColumns = 1...10_000
    /// Grey level behind a grid's cells (white).
    public static let gridBackground: Float = 1
    public static let gridBackgrounds: ClosedRange<Float> = 0...1
    /// Integer enlargement of a grid's images.
    public static let gridScales = 1...64

    /// Colours of values mapped by `Colormap.apply` and shown by a stand-alone colorbar.
    public static let colormap = Colormap.viridis
    public static let colorbarHeight = 240
    public static let colorbarHeights = 40...8192
    public static let colorbarRange: ClosedRange<Double> = 0...1

    /// Weight of the heatmap colour in `heatmapOverlay` (Grad-CAM pictures), and its colours.
    public static let overlayAlpha: Float = 0.4
    public static let overlayAlphas: ClosedRange<Float> = 0...1
    public static let overlayColormap = Colormap.jet

    public static let resizeMethod = ResizeMethod.auto
}
