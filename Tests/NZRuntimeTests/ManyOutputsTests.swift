import NZIR
@testable import NZEval
import Testing

/// The batch driver pins every full column for the whole run, one nested closure per column: a
/// program with more of them than `pinsOnCallerStack` is run on a thread with room for them,
/// and gives the same values; thousands of outputs (which overflowed the stack before) run.
@Suite struct ManyOutputsTests {
    @Test func thousandsOfOutputsDoNotOverflowTheStack() throws {
        let count = 8_000
        let program = try #require(Compiler.compile(path: "<test>", text: "", expressions: (0..<count).map { "close * \($0)" }).program)
        let source = DriverParityTests.frame
        let bars = 40
        let frame = Frame(time: Array(source.time.prefix(bars)), open: Array(source.open.prefix(bars)), high: Array(source.high.prefix(bars)),
                          low: Array(source.low.prefix(bars)), close: Array(source.close.prefix(bars)), volume: Array(source.volume.prefix(bars)))
        let evaluation = program.evaluate(frame, params: program.ir.defaultParams)
        let last = try #require(program.ir.outputs.last?.value)
        #expect(evaluation.column(last) == frame.close.map { $0 * Double(count - 1) })
    }

    @Test func moreOutputsThanPinsOnTheCallersStack() throws {
        let count = 2 * BatchEvaluator.pinsOnCallerStack + 7
        // Element-wise outputs, then the history and a kernel of an output column.
        let expressions = (0..<count).map { "close + \($0)" } + ["(close + 1)[3]", "sma(close + 2, 4)"]
        let program = try #require(Compiler.compile(path: "<test>", text: "", expressions: expressions).program)
        let frame = DriverParityTests.frame
        let close = frame.close
        let evaluation = program.evaluate(frame, params: program.ir.defaultParams)
        let outputs: [IRValue] = program.ir.outputs.map { $0.value }
        #expect(outputs.count == count + 2)
        for (offset, output) in outputs.prefix(count).enumerated() {
            let column = evaluation.column(output)
            let expected = close.map { $0 + Double(offset) }
            #expect(column == expected, "close + \(offset)")
        }
        let shifted = evaluation.column(outputs[count])
        let expectedShift: [Double] = close.indices.map { $0 < 3 ? .nan : close[$0 - 3] + 1 }
        #expect(zip(shifted, expectedShift).allSatisfy { $0.bitPattern == $1.bitPattern })
        let average = evaluation.column(outputs[count + 1])
        var window = 0.0
        for bar in 7...10 { window += close[bar] + 2 }
        #expect(average[2].isNaN)
        #expect(abs(average[10] - window / 4) < 1e-9)
    }
}
