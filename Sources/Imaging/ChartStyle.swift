/// What a chart looks like when nothing is said (matplotlib's defaults) and the values its settings
/// accept: `Chart`, `Figure` and their callers (the Lua `plot` module declares these as its options'
/// defaults) read them here, so each is stated once.
public enum ChartStyle {
    /// Size in pixels of a chart on its own: matplotlib's 6.4 x 4.8 inches at 100 dpi.
    public static let width = 640
    public static let height = 480
    public static let sizes = 100...8192
    public static let yscale = AxisScale.linear
    public static let legend = LegendLocation.best
    public static let grid = false

    /// Line width in pixels.
    public static let lineWidth: Float = 2
    public static let lineWidths: ClosedRange<Float> = 0.1...100
    public static let markers = false

    /// Scatter marker diameter in pixels.
    public static let markerSize: Float = 7
    public static let markerSizes: ClosedRange<Float> = 0.5...200
    /// Opacity of scatter points and histogram bars.
    public static let alpha: Float = 1
    public static let alphas: ClosedRange<Float> = 0...1
    /// Colours of values (scatter `values`) and of matrix cells.
    public static let colormap = Colormap.viridis

    public static let bins = 10
    public static let binCounts = 1...10_000
    public static let density = false

    /// Whether matrix cells show their values.
    public static let showValues = true
    /// The most rows or columns a matrix chart shows.
    public static let maximumMatrixSide = 200

    /// A figure's rows and columns of panels.
    public static let panels = 1...20
    /// A figure's width and height in pixels.
    public static let figureSizes = 100...16384
    /// Room a panel gets in a figure of several columns or rows, when its size is not given.
    public static let figureColumnWidth = 440
    public static let figureRowHeight = 360
}
