import Foundation
import NZRuntime

/// `nzs bench --ml DIR`: the ML runtime's fit and prediction times on the raw files that
/// `bench/ml.py` writes (so scikit-learn and LightGBM time the very same values):
/// `meta.txt` (lines `name rows columns`) and `NAME_x.f64` (row-major) / `NAME_y.f64`,
/// little-endian float64. Prints one line per measurement: a key, the median seconds (or a
/// ratio), and what was measured. The keys are what `bench/ml.py` reads.
struct MLBench {
    let directory: String
    let repeats: Int

    /// The GBM configuration of the benchmark, LightGBM's in `bench/ml.py`.
    static func boosting(threads: Int) -> GradientBoostingParameters {
        GradientBoostingParameters(trees: 100, maxDepth: 6, learningRate: 0.1, minLeaf: 20, maxLeaves: 63, task: .classification,
                                   threads: threads)
    }

    func run(_ io: CommandIO) -> Int32 {
        guard let ridge = read("ridge"), let gbm = read("gbm") else {
            io.error("error: `\(directory)` does not hold the files `bench/ml.py` writes (meta.txt, ridge_x.f64, gbm_x.f64, ...)\n")
            return ExitStatus.runtimeError
        }
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        io.out("key                  value        what\n")
        var ridgeModel: LinearModel?
        let ridgeTime = median { ridgeModel = try? RidgeRegression.fit(ridge.x, targets: ridge.y, alpha: 1).get() }
        line(io, "ridge", ridgeTime, "s  Ridge(alpha 1) fit, \(ridge.x.rowCount) x \(ridge.x.columnCount)")
        var boosted: TreeEnsembleModel?
        for workers in Set([threads, 2, 1]).sorted(by: >) {
            let time = median { boosted = try? GradientBoosting.fit(gbm.x, targets: gbm.y, parameters: Self.boosting(threads: workers)).get() }
            line(io, "gbm\(workers)", time, "s  GBM fit, 100 trees depth 6, 63 leaves, \(gbm.x.rowCount) x \(gbm.x.columnCount), \(workers) thread(s)")
        }
        guard let ridgeModel, let boosted else {
            io.error("error: a benchmark fit failed\n")
            return ExitStatus.runtimeError
        }
        let accuracy = (0..<gbm.x.rowCount).reduce(0.0) { total, r in
            total + (boosted.predictClass(Array(gbm.x.row(r))) == gbm.y[r] ? 1 : 0)
        } / Double(gbm.x.rowCount)
        line(io, "gbm_train_accuracy", accuracy, "   training accuracy of the GBM")
        line(io, "predict_ridge", perRow(ridgeModel, ridge.x), "s  per row, ridge, \(ridge.x.columnCount) features")
        line(io, "predict_gbm", perRow(boosted, gbm.x), "s  per row, GBM, \(boosted.treeCount) trees, \(boosted.nodeCount) nodes")
        // Forests on the first 10,000 rows: the parity tests' shape (depth 8, min_leaf 5) and
        // scikit-learn's default (no depth limit, min_leaf 1), the worst case for prediction.
        let forestRows = min(10_000, gbm.x.rowCount)
        guard let forestX = FeatureMatrix(rowCount: forestRows, columnCount: gbm.x.columnCount,
                                          values: Array(gbm.x.values.prefix(forestRows * gbm.x.columnCount))) else { return ExitStatus.runtimeError }
        let forestY = Array(gbm.y.prefix(forestRows))
        for (key, depth, minLeaf) in [("forest", 8, 5), ("forest_deep", nil, 1)] as [(String, Int?, Int)] {
            var forest: TreeEnsembleModel?
            let parameters = RandomForestParameters(trees: 100, maxDepth: depth, minLeaf: minLeaf, seed: 1, threads: threads)
            let time = median(runs: 3, warmUp: false) { forest = try? RandomForest.fit(forestX, targets: forestY, parameters: parameters).get() }
            let shape = "100 trees, \(depth.map { "depth \($0)" } ?? "no depth limit"), min_leaf \(minLeaf), \(forestRows) x \(gbm.x.columnCount)"
            line(io, "\(key)_fit", time, "s  random forest fit, \(shape), \(threads) thread(s)")
            if let forest {
                line(io, "predict_\(key)", perRow(forest, gbm.x), "s  per row, random forest, \(forest.treeCount) trees, \(forest.nodeCount) nodes")
            }
        }
        return ExitStatus.success
    }

    private func read(_ name: String) -> (x: FeatureMatrix, y: [Double])? {
        guard let meta = try? String(contentsOfFile: directory + "/meta.txt", encoding: .utf8) else { return nil }
        for entry in meta.split(separator: "\n") {
            let fields = entry.split(separator: " ")
            guard fields.count == 3, fields[0] == name, let rows = Int(fields[1]), let columns = Int(fields[2]),
                  let x = doubles(directory + "/\(name)_x.f64"), let y = doubles(directory + "/\(name)_y.f64"),
                  y.count == rows, let matrix = FeatureMatrix(rowCount: rows, columnCount: columns, values: x) else { continue }
            return (matrix, y)
        }
        return nil
    }

    private func doubles(_ path: String) -> [Double]? {
        guard let data = FileManager.default.contents(atPath: path), data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
    }

    /// Median seconds per `predict` over every row, the row buffer reused (as a streaming
    /// evaluator would).
    private func perRow(_ model: any FittedModel, _ x: FeatureMatrix) -> Double {
        var row = [Double](repeating: 0, count: x.columnCount)
        var sink = 0.0
        let time = median {
            for r in 0..<x.rowCount {
                for c in 0..<x.columnCount { row[c] = x[r, c] }
                sink += model.predict(row)
            }
        }
        blackHole(sink)
        return time / Double(x.rowCount)
    }

    @inline(never)
    private func blackHole(_ value: Double) {}

    private func median(runs: Int? = nil, warmUp: Bool = true, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        if warmUp { body() }  // not counted
        var samples: [Double] = []
        for _ in 0..<max(1, runs ?? repeats) {
            let start = clock.now
            body()
            let elapsed = clock.now - start
            samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    private func line(_ io: CommandIO, _ key: String, _ value: Double, _ what: String) {
        io.out(key.padding(toLength: 20, withPad: " ", startingAt: 0) + " " + String(format: "%.6g", value).padding(toLength: 12, withPad: " ", startingAt: 0)
               + " " + what + "\n")
    }
}
