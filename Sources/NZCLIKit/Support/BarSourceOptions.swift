import ArgumentParser

/// Bars from the store instead of a file: `--symbol S --timeframe TF [--from T] [--to T]
/// [--store PATH]`, shared by the commands that read bars.
struct BarSourceOptions: ParsableArguments {
    @Option(help: "A stored symbol to read the bars of (instead of --data).")
    var symbol: String?

    @Option(help: "The stored bars' timeframe: 1m, 15m, 1h, 4h, 1d, 1w, 1M.")
    var timeframe: String?

    @Option(help: "First stored bar time to read (ISO-8601 or epoch).")
    var from: String?

    @Option(help: "Last stored bar time to read.")
    var to: String?

    @Option(help: "The store (default ./nzs.db): where --symbol reads and --save writes.")
    var store = "nzs.db"
}

extension BarSourceOptions {
    var source: BarSource { BarSource(symbol: symbol, timeframe: timeframe, from: from, to: to, store: store) }
}

/// Where bars come from when not from a file: a stored symbol and timeframe, optionally a range.
struct BarSource {
    var symbol: String?
    var timeframe: String?
    var from: String?
    var to: String?
    var store: String
}
