import ArgumentParser
import NZEngine
import NZSema

/// The command-line overrides of a strategy's engine settings (cash, costs, instrument,
/// fills), shared by the commands that run backtests. Each replaces the script's value.
struct EngineOptions: ParsableArguments {
    @Option(help: "Initial cash (default 10000).")
    var cash: Double?

    @Option(help: "Fee per side, a fraction (0.001) or a percent (0.1%); overrides the script's `costs`.")
    var fee: String?

    @Option(name: .customLong("fee-fixed"), help: "A fixed fee in cash per fill, on top of --fee.")
    var feeFixed: Double?

    @Option(help: "Slippage per fill, a fraction or a percent; overrides the script's `costs`.")
    var slippage: String?

    @Option(name: .customLong("slippage-ticks"), help: "Slippage per fill in ticks (needs a tick size).")
    var slippageTicks: Double?

    @Option(help: "Perpetual funding rate per 8 hours, a fraction or a percent (may be negative).")
    var funding: String?

    @Option(name: .customLong("tick-size"), help: "The instrument's price increment.")
    var tickSize: Double?

    @Option(name: .customLong("lot-step"), help: "The instrument's quantity increment.")
    var lotStep: Double?

    @Option(name: .customLong("min-qty"), help: "The smallest quantity an entry may have.")
    var minQty: Double?

    @Option(help: "Leverage: notional / margin, at least 1 (default 1, a cash account).")
    var leverage: Double?

    @Option(name: .customLong("maintenance-margin"), help: "Share of notional equity must keep before liquidation, a fraction or a percent.")
    var maintenanceMargin: String?

    @Option(help: "The most entries open at once on one side (default 1).")
    var pyramiding: Int?

    @Option(help: "Where market orders fill: open (the next bar's open, default) or close (the signal bar's close: optimistic).")
    var fill: String?

    @Option(name: .customLong("periods-per-year"),
            help: "Bars per year for annualized metrics (default: from the bar interval and the calendar).")
    var periodsPerYear: Double?

    /// The script's settings with these overrides, or the usage error to print.
    func apply(to base: EngineSettings) -> Result<EngineSettings, UsageError> {
        var settings = base
        if let cash {
            guard cash.isFinite, cash > 0 else { return .failure(UsageError("`--cash` must be a positive number")) }
            settings.cash = cash
        }
        let numbers: [(StrategySetting, String, Double?)] = [
            (.feeFixed, "--fee-fixed", feeFixed), (.slippageTicks, "--slippage-ticks", slippageTicks),
            (.tickSize, "--tick-size", tickSize), (.lotStep, "--lot-step", lotStep), (.minQty, "--min-qty", minQty),
            (.leverage, "--leverage", leverage),
        ]
        let fractions: [(StrategySetting, String, String?)] = [
            (.fee, "--fee", fee), (.slippage, "--slippage", slippage), (.funding, "--funding", funding),
            (.maintenanceMargin, "--maintenance-margin", maintenanceMargin),
        ]
        for (setting, flag, text) in fractions {
            guard let text else { continue }
            guard let value = Self.number(text), setting.accepts(value) else {
                return .failure(UsageError("`\(flag) \(text)` must be \(setting.expectation), as a fraction (0.001) or a percent (0.1%)"))
            }
            settings.apply(setting, value)
        }
        for (setting, flag, value) in numbers {
            guard let value else { continue }
            guard setting.accepts(value) else {
                return .failure(UsageError("`\(flag) \(Formatting.number(value))` must be \(setting.expectation)"))
            }
            settings.apply(setting, value)
        }
        if let pyramiding {
            guard (1...TypeChecker.maxPyramiding).contains(pyramiding) else {
                return .failure(UsageError("`--pyramiding` must be from 1 to \(TypeChecker.maxPyramiding)"))
            }
            settings.pyramiding = pyramiding
        }
        if let fill {
            guard let value = MarketFill(rawValue: fill) else { return .failure(UsageError("`--fill \(fill)` must be `open` or `close`")) }
            settings.fill = value
        }
        if let periodsPerYear {
            guard periodsPerYear.isFinite, periodsPerYear > 0 else { return .failure(UsageError("`--periods-per-year` must be a positive number")) }
            settings.periodsPerYear = periodsPerYear
        }
        return .success(settings)
    }

    /// `0.001` or `0.1%`.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.hasSuffix("%") ? Double(trimmed.dropLast()).map { $0 / 100 } : Double(trimmed)
    }
}

/// A command-line value out of range: printed as `error: MESSAGE`, exit status 64.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
