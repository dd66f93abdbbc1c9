import Foundation

/// The deflated Sharpe ratio (Bailey and López de Prado, "The Deflated Sharpe Ratio:
/// Correcting for Selection Bias, Backtest Overfitting and Non-Normality", 2014): the
/// probability that the best trial's true Sharpe ratio is above 0, once the ratio expected
/// from the best of N trials of pure noise is taken away and the returns' skewness and
/// kurtosis are accounted for.
///
///     SR₀ = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e)))
///     DSR = Φ((SR − SR₀) √(T − 1) / √(1 − γ₃ SR + (γ₄ − 1)/4 · SR²))
///
/// with SR the best trial's per-bar Sharpe ratio, V the sample variance of the N trials'
/// per-bar Sharpe ratios, γ the Euler–Mascheroni constant, T the best trial's number of
/// returns, γ₃ its skewness and γ₄ its kurtosis (3 for normal returns). All ratios are per
/// bar, not annualized, as the formula requires.
public enum DeflatedSharpe {
    public struct Result: Sendable {
        /// The probability, in [0, 1].
        public let probability: Double
        /// SR₀: the per-bar Sharpe ratio the best of N noise trials would be expected to reach.
        public let expectedMaximum: Double
        /// The best trial's per-bar Sharpe ratio.
        public let sharpe: Double
        public let trials: Int
    }

    static let eulerGamma = 0.577_215_664_901_532_9

    /// Nil with fewer than two trials or fewer than two returns, or when the non-normality
    /// term is not positive.
    public static func compute(sharpes: [Double], best: ReturnSummary) -> Result? {
        let finite = sharpes.filter(\.isFinite)
        let n = Double(finite.count)
        guard finite.count >= 2, best.count >= 2 else { return nil }
        let mean = finite.reduce(0, +) / n
        let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let expected = variance.squareRoot()
            * ((1 - eulerGamma) * NormalDistribution.quantile(1 - 1 / n) + eulerGamma * NormalDistribution.quantile(1 - 1 / (n * M_E)))
        let sharpe = best.sharpe
        let spread = 1 - best.skewness * sharpe + (best.kurtosis - 1) / 4 * sharpe * sharpe
        guard spread > 0 else { return nil }
        let z = (sharpe - expected) * Double(best.count - 1).squareRoot() / spread.squareRoot()
        return Result(probability: NormalDistribution.cdf(z), expectedMaximum: expected, sharpe: sharpe, trials: finite.count)
    }
}
