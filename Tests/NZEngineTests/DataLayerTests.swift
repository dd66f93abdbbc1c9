import Foundation
import NZCLIKit
@testable import NZData
import NZEval
import Testing

/// The data layer through the `nzs` commands: import (idempotent, all-or-nothing, --skip-bad),
/// list/export/delete, runs from the store equal runs from the file, checks on real files, and
/// resampling against the exchange's own daily bars.
@Suite struct DataLayerTests {
    static let root = SMACrossParityTests.root
    static func nzs(_ arguments: [String]) -> (out: String, error: String, status: Int32) {
        NZSEntryPoint.run(arguments, workingDirectory: root.path)
    }
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func importTwiceChangesNothingAndRunsMatchTheFile() throws {
        let store = StoreTests.scratch("data-import")
        let first = Self.nzs(["data", "import", "data/GOOG_1d.csv", "--symbol", "GOOG", "--timeframe", "1d", "--store", store])
        #expect(first.status == 0 && first.out.contains("2148 new, 0 updated, 0 unchanged"), "\(first)")
        let again = Self.nzs(["data", "import", "data/GOOG_1d.csv", "--symbol", "GOOG", "--timeframe", "1d", "--store", store])
        #expect(again.out.contains("0 new, 0 updated, 2148 unchanged"), "\(again)")
        let fromFile = Self.nzs(["run", "strategies/sma_cross.nzs", "--data", "data/GOOG_1d.csv", "--json"])
        let fromStore = Self.nzs(["run", "strategies/sma_cross.nzs", "--symbol", "GOOG", "--timeframe", "1d", "--store", store, "--json"])
        #expect(fromStore.status == 0)
        #expect(fromStore.out == fromFile.out)
        let exported = Self.nzs(["data", "export", "--symbol", "GOOG", "--timeframe", "1d", "--store", store, "--from", "2013-02-27"])
        #expect(exported.out == "time,open,high,low,close,volume\n2013-02-27T00:00:00Z,794.8,804.75,791.11,799.78,2026100\n"
                + "2013-02-28T00:00:00Z,801.1,806.99,801.03,801.2,2265800\n2013-03-01T00:00:00Z,797.8,807.14,796.15,806.19,2175400\n")
        let listed = try Self.json(Self.nzs(["data", "list", "--store", store, "--json"]).out)
        #expect((listed["data"] as? [[String: Any]])?.first?["bars"] as? Int == 2148)
        #expect(Self.nzs(["data", "delete", "--symbol", "GOOG", "--timeframe", "1d", "--store", store]).out == "deleted 2148 GOOG 1d bars\n")
        #expect(Self.nzs(["data", "delete", "--symbol", "GOOG", "--timeframe", "1d", "--store", store]).status == 70)
    }

    @Test func aBadRowImportsNothingUnlessSkipped() throws {
        let store = StoreTests.scratch("data-bad")
        #expect(Self.nzs(["data", "import", "data/GOOG_1d.csv", "--symbol", "X", "--timeframe", "1d", "--store", store]).status == 0)
        let failed = Self.nzs(["data", "import", "Tests/Golden/data/messy.csv", "--symbol", "X", "--timeframe", "1d", "--store", store])
        #expect(failed.status == 70 && failed.error.contains("messy.csv:6:"))
        let listed = try Self.json(Self.nzs(["data", "list", "--store", store, "--json"]).out)
        #expect((listed["data"] as? [[String: Any]])?.first?["bars"] as? Int == 2148)     // nothing stored was lost or added
        let skipped = Self.nzs(["data", "import", "Tests/Golden/data/messy.csv", "--symbol", "Y", "--timeframe", "1d", "--store", store, "--skip-bad"])
        #expect(skipped.status == 0 && skipped.out.contains("4 new") && skipped.out.contains("4 bad row(s) skipped"), "\(skipped)")
        #expect(skipped.error.contains("skipped Tests/Golden/data/messy.csv:9:"))
    }

    @Test func mt5ExportImportsWithItsQuirks() throws {
        let store = StoreTests.scratch("data-mt5")
        let result = Self.nzs(["data", "import", "Tests/Fixtures/data/XAUUSD_MN1_mt5.csv", "--symbol", "XAUUSD", "--timeframe", "1M",
                               "--store", store, "--point", "0.01"])
        #expect(result.status == 0 && result.out.contains("324 bars read (mt5)"), "\(result)")
        let first = Self.nzs(["data", "export", "--symbol", "XAUUSD", "--timeframe", "1M", "--store", store, "--to", "1998-05-31"])
        #expect(first.out.hasSuffix("1998-05-01T00:00:00Z,306.25,307.2,290.4,293.2,13101\n"))
        #expect(try Store(path: store).instrument("XAUUSD")?.point == 0.01)
        // The stored point is the run's `point` unless --point says otherwise.
        let point = Self.nzs(["eval", "--symbol", "XAUUSD", "--timeframe", "1M", "--store", store, "--from", "2025-04-01", "--expr", "point * 100"])
        #expect(point.out == "time,point * 100\n2025-04-01T00:00:00Z,1\n", "\(point)")
    }

    @Test func checkFindsTheExchangesMissingHours() throws {
        let check = try Self.json(Self.nzs(["data", "check", "Tests/Fixtures/data/BTCUSDT_1h_to_2018-02-10.csv", "--json"]).out)
        #expect(check["timeframe"] as? String == "1h")
        let gaps = try #require(check["gaps"] as? [[String: Any]])
        #expect(gaps.first?["after"] as? String == "2017-09-06T16:00:00Z")
        #expect(gaps.first?["missing_bars"] as? Int == 6)
        #expect(gaps.contains { $0["after"] as? String == "2018-02-08T00:00:00Z" && $0["missing_bars"] as? Int == 33 })
        #expect(check["missing_bars"] as? Int == gaps.reduce(0) { $0 + ($1["missing_bars"] as? Int ?? 0) })
        #expect(check["duplicates"] as? Int == 0 && check["ohlc_violations"] as? Int == 0)
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("nzs-check-\(ProcessInfo.processInfo.processIdentifier).html")
        #expect(Self.nzs(["data", "check", "Tests/Fixtures/data/BTCUSDT_1h_to_2018-02-10.csv", "--html", page.path]).status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 2 && !html.contains("<script"))
        #expect(html.contains("<td>2017-09-06T16:00:00Z</td><td>2017-09-06T23:00:00Z</td><td>6</td>"))
    }

    @Test func checkCountsTheBrokersFlatBars() throws {
        let check = try Self.json(Self.nzs(["data", "check", "data/EURUSD_D1.csv", "--json", "--calendar", "weekdays"]).out)
        #expect(check["rows"] as? Int == 13996)
        #expect(check["flat_bars"] as? Int == 1010)
    }

    @Test func hourlyResampledToDailyIsTheExchangesDaily() throws {
        let daily = Self.nzs(["data", "resample", "Tests/Fixtures/data/BTCUSDT_1h_to_2018-02-10.csv", "--to", "1d"]).out
            .split(separator: "\n").dropFirst()
        let reference = try String(contentsOf: Self.root.appendingPathComponent("data/BTCUSDT_1d.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        // The exchange's first daily bar starts at 00:00 but the hourly data at 04:00, and the
        // last resampled day is complete: compare days 2 to the second-to-last on O, H, L, C.
        let ours = Array(daily.dropFirst().dropLast()), theirs = Array(reference.dropFirst().prefix(ours.count))
        #expect(ours.count > 170)
        for (a, b) in zip(ours, theirs) {
            let x = a.split(separator: ","), y = b.split(separator: ",")
            #expect(x[0] == y[0] && (1...4).allSatisfy { Double(x[$0]) == Double(y[$0]) }, "\(a) vs \(b)")
        }
    }

    @Test func chunkedReadingEqualsWholeFileReading() throws {
        let path = Self.root.appendingPathComponent("data/GOOG_1d.csv").path
        let whole = try CSVBarReader.read(path: path, chunkSize: 1 << 24)
        for size in [1, 7, 97, 4096] {
            let chunked = try CSVBarReader.read(path: path, chunkSize: size)
            #expect(chunked.time == whole.time && chunked.close == whole.close && chunked.volume == whole.volume
                    && chunked.timeText == whole.timeText, "chunk size \(size)")
        }
        // A bad row far into the file keeps its row number across chunks.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "2013-02-27T00:00:00Z,794.8", with: "2013-02-27T00:00:00Z,x")
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("nzs-chunk-\(ProcessInfo.processInfo.processIdentifier).csv")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: DataError.self) { _ = try CSVBarReader.read(path: bad.path, chunkSize: 100) }
        do { _ = try CSVBarReader.read(path: bad.path, chunkSize: 100) } catch { #expect(error.row == 2147) }
    }

    @Test func anUnreadVolumeIsCheckedButNotKept() throws {
        let path = Self.root.appendingPathComponent("data/GOOG_1d.csv").path
        let whole = try CSVBarReader.read(path: path)
        let lean = try CSVBarReader.read(path: path, keepsVolume: false, chunkSize: 4096)
        #expect(lean.volume.isEmpty && lean.time == whole.time && lean.close == whole.close && lean.low == whole.low)
        let frame = Frame(time: lean.time, open: lean.open, high: lean.high, low: lean.low, close: lean.close, volume: lean.volume)
        #expect(frame.column(.volume).count == lean.count && frame.column(.volume).allSatisfy(\.isNaN) && frame.bar(3).volume.isNaN)
        // A bad volume is still an error at its row.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var fields = lines[40].split(separator: ",").map(String.init)
        fields[5] = "lots"
        var edited: [String] = lines.map(String.init)
        edited[40] = fields.joined(separator: ",")
        text = edited.joined(separator: "\n")
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("nzs-volume-\(ProcessInfo.processInfo.processIdentifier).csv")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        do {
            _ = try CSVBarReader.read(path: bad.path, keepsVolume: false)
            Issue.record("a bad volume was accepted")
        } catch { #expect(error.row == 41 && error.reason.contains("volume"), "\(error)") }
    }

    @Test func parquetFilesReadAsTheirCSV() throws {
        let store = StoreTests.scratch("data-parquet")
        let imported = Self.nzs(["data", "import", "Tests/Fixtures/data/binance_BTCUSDT_D1.parquet", "--symbol", "BTCUSDT", "--timeframe", "1d",
                                 "--store", store])
        #expect(imported.status == 0 && imported.out.contains("2785 bars read (parquet)"), "\(imported)")
        let exported = Self.nzs(["data", "export", "--symbol", "BTCUSDT", "--timeframe", "1d", "--store", store]).out
        let reference = try String(contentsOf: Self.root.appendingPathComponent("data/BTCUSDT_1d.csv"), encoding: .utf8)
        let ours = exported.split(separator: "\n").map { $0.split(separator: ",") }, theirs = reference.split(separator: "\n").map { $0.split(separator: ",") }
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours.dropFirst(), theirs.dropFirst()) {
            #expect(a[0] == b[0] && (1...5).allSatisfy { Double(a[$0]) == Double(b[$0]) }, "\(a) vs \(b)")
        }
        let monthly = Self.nzs(["data", "check", "Tests/Fixtures/data/mt5_GBPUSD_MN1.parquet", "--json"])
        let check = try Self.json(monthly.out)
        #expect(check["rows"] as? Int == 389 && check["timeframe"] as? String == "1M" && check["first"] as? String == "1993-05-01T00:00:00Z")
    }

    @Test func snappyBackReferences() throws {
        // "abcd" as a literal, then a copy of 4 bytes from 4 back: "abcdabcd".
        let stream: [UInt8] = [0x08, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x01, 0x04]
        #expect(try Snappy.decompress(stream[...]) == Array("abcdabcd".utf8))
        #expect(throws: Snappy.Corrupt.self) { _ = try Snappy.decompress([0x08, 0x01, 0x09][...]) }  // offset beyond the output
    }

    @Test func zstdAndGzipPagesThroughTheSystemLibraries() throws {
        // "parquet page bytes " four times, compressed by python's gzip and zstandard modules.
        let expected = Array(String(repeating: "parquet page bytes ", count: 4).utf8)
        let gzip: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 43, 72, 44, 42, 44, 77, 45, 81, 40, 72, 76, 79, 85, 72, 170, 44, 73, 45, 6, 50, 201,
                             20, 2, 0, 247, 151, 29, 18, 76, 0, 0, 0]
        let zstd: [UInt8] = [40, 181, 47, 253, 32, 76, 213, 0, 0, 152, 112, 97, 114, 113, 117, 101, 116, 32, 112, 97, 103, 101, 32, 98, 121, 116,
                             101, 115, 32, 1, 0, 109, 231, 12, 3]
        #expect(try PageCodecs.gzip(gzip[...], size: 76) == expected)
        #expect(try PageCodecs.zstd(zstd[...], size: 76) == expected)
        #expect(throws: PageCodecs.Failure.self) { _ = try PageCodecs.zstd(zstd.dropLast(3), size: 76) }
        #expect(throws: PageCodecs.Failure.self) { _ = try PageCodecs.gzip(gzip[...], size: 75) }
    }

    @Test func damagedParquetFilesFailCleanly() throws {
        // Bytes flipped and files cut anywhere: every read either succeeds or throws, never traps.
        let original = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/data/mt5_GBPUSD_MN1.parquet")))
        var state: UInt64 = 2024
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var failures = 0
        for round in 0..<400 {
            var bytes = original
            if round % 4 == 0 {
                bytes = Array(bytes.prefix(next() % bytes.count))
            } else {
                for _ in 0..<(1 + round % 8) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            }
            do { _ = try ParquetBars.raw(bytes, source: "damaged") } catch { failures += 1 }
        }
        #expect(failures > 50)
    }

    @Test func fundingRatesTravelThroughTheStore() throws {
        let store = StoreTests.scratch("data-funding")
        let file = "Tests/Golden/orders/funding_column.csv"
        #expect(Self.nzs(["data", "import", file, "--symbol", "BTC", "--timeframe", "4h", "--store", store]).status == 0)
        let fromFile = Self.nzs(["run", "Tests/Golden/orders/funding_column.nzs", "--data", file, "--json"])
        let fromStore = Self.nzs(["run", "Tests/Golden/orders/funding_column.nzs", "--symbol", "BTC", "--timeframe", "4h", "--store", store, "--json"])
        #expect(fromStore.status == 0 && fromStore.out == fromFile.out)
        #expect(fromFile.out.contains("\"funding\": 0.09000000000000001"))
        let exported = Self.nzs(["data", "export", "--symbol", "BTC", "--timeframe", "4h", "--store", store]).out
        #expect(exported.hasPrefix("time,open,high,low,close,volume,funding_rate\n2024-04-01T00:00:00Z,100,101,99,100,1,0.0001\n"))
        #expect(exported.contains("2024-04-01T20:00:00Z,120,121,119,120,1,\n"))
    }
}
