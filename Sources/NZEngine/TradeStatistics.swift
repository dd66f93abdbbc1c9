/// The statistics of the closed trades' profits (after fees): expectancy, average win and loss,
/// payoff ratio, the Kelly fraction they imply and Van Tharp's SQN. Formulas:
/// docs/conventions.md#metrics.
struct TradeStatistics {
    let expectancy: Double?
    let averageWin: Double?
    /// Negative (a loss).
    let averageLoss: Double?
    let payoffRatio: Double?
    let kelly: Double?
    let sqn: Double?

    init(_ trades: [Trade]) {
        let profits = trades.map { $0.pnl }
        let wins = profits.filter { $0 > 0 }
        let losses = profits.filter { $0 < 0 }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        expectancy = mean(profits)
        averageWin = mean(wins)
        averageLoss = mean(losses)
        if let win = averageWin, let loss = averageLoss, loss != 0 {
            let payoff = win / -loss
            payoffRatio = payoff
            let winRate = Double(wins.count) / Double(profits.count)
            kelly = winRate - (1 - winRate) / payoff
        } else {
            payoffRatio = nil
            kelly = nil
        }
        if let average = expectancy, profits.count >= 2 {
            let squares = profits.reduce(0) { $0 + ($1 - average) * ($1 - average) }
            let deviation = (squares / Double(profits.count - 1)).squareRoot()
            sqn = deviation > 0 ? Double(profits.count).squareRoot() * average / deviation : nil
        } else {
            sqn = nil
        }
    }
}
