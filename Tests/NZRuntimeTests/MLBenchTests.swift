import Foundation
import NZCLIKit
import Testing

/// `nzs bench --ml DIR` reads `bench/ml.py`'s files and prints one keyed line per measurement;
/// a directory without them is a data error. (The timings themselves are never tested.)
@Suite struct MLBenchTests {
    @Test func missingFilesAreADataError() {
        let result = NZSEntryPoint.run(["bench", "--ml", "/nonexistent-nzs-ml-bench"], workingDirectory: Fixtures.root.path)
        #expect(result.status == 70)
        #expect(result.error.contains("does not hold the files"))
    }

    @Test func smallFilesGiveEveryKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nzs-ml-bench-test-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ values: [Double]) throws {
            let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
            try data.write(to: directory.appendingPathComponent("\(name).f64"))
        }
        let rows = 120
        try write("ridge_x", (0..<(rows * 3)).map { Double(($0 * 37) % 101) / 10 })
        try write("ridge_y", (0..<rows).map { Double(($0 * 13) % 17) })
        try write("gbm_x", (0..<(rows * 2)).map { Double(($0 * 53) % 97) })
        try write("gbm_y", (0..<rows).map { Double($0 % 2) })
        try "ridge \(rows) 3\ngbm \(rows) 2\n".write(to: directory.appendingPathComponent("meta.txt"), atomically: true, encoding: .utf8)
        let result = NZSEntryPoint.run(["bench", "--ml", directory.path, "--repeats", "1"], workingDirectory: Fixtures.root.path)
        #expect(result.status == 0, "\(result.error)")
        let keys = Set(result.out.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        for key in ["ridge", "gbm1", "gbm2", "gbm_train_accuracy", "predict_ridge", "predict_gbm", "forest_fit", "predict_forest",
                    "forest_deep_fit", "predict_forest_deep"] {
            #expect(keys.contains(key), "no `\(key)` line")
        }
    }
}
